package com.example.nas;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class WrongPasswordTests {

	@Test
	void aWrongPasswordIsRefusedAndTheJournalHidesIt(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		assertThat(client.login("admin", "not-the-password").statusCode()).isEqualTo(401);
		assertThat(client.get("/system").statusCode()).isEqualTo(401);
		assertThat(client.login("admin", "admin").statusCode()).isEqualTo(200);
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(control.requests("POST", "/login"))
			.allSatisfy((request) -> assertThat(request.body()).doesNotContain("not-the-password"));
	}

}
