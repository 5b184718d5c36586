package com.example.nas;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class LogoutTests {

	@Test
	void afterLogoutTheSessionNoLongerOpensSystem(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(client.put("/logout").statusCode()).isEqualTo(200);
		assertThat(client.get("/system").statusCode()).isEqualTo(401);
		assertThat(control.requestCount("PUT", "/logout")).isEqualTo(1);
	}

}
