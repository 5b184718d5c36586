package com.example.nas;

import java.net.http.HttpResponse;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class LoginTimeTests {

	@Test
	void logintimeFollowsTheEmulatorsClock(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		control.freezeClock(true);
		control.setClock(Instant.parse("2031-05-06T07:08:09Z"));
		HttpResponse<String> login = client.login("admin", "admin");
		assertThat(JsonPath.<String>read(login.body(), "$.logintime")).startsWith("2031-05-06 ");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
	}

}
