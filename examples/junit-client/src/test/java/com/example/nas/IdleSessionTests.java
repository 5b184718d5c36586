package com.example.nas;

import java.time.Duration;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class IdleSessionTests {

	@Test
	void aSessionIdleForLongerThanTheTimeoutEnds(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		control.advanceClock(Duration.ofMinutes(31));
		assertThat(client.get("/system").statusCode()).isEqualTo(401);
		assertThat(control.requests("GET", "/system")).extracting(RecordedRequest::status).containsExactly(401, 200);
	}

}
