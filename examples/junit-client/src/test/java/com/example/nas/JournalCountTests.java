package com.example.nas;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class JournalCountTests {

	@Test
	void theJournalCountsEveryCallOfTheTestAndNoEarlierOne(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		assertThat(control.requestCount(null, null)).isZero();
		client.login("admin", "admin");
		for (int i = 0; i < 3; i++) {
			assertThat(client.get("/system").statusCode()).isEqualTo(200);
		}
		assertThat(control.requestCount("GET", "/system")).isEqualTo(3);
		assertThat(control.requestCount(null, null)).isEqualTo(4);
	}

}
