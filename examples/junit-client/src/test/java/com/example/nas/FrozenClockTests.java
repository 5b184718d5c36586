package com.example.nas;

import java.time.Instant;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class FrozenClockTests {

	@Test
	void aFrozenClockStandsStillBetweenCalls(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		control.freezeClock(true);
		Instant frozen = control.now();
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(control.now()).isEqualTo(frozen);
		assertThat(control.requests("GET", "/system").get(0).time()).isEqualTo(frozen);
	}

}
