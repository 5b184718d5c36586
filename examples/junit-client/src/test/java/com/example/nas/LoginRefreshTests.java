package com.example.nas;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class LoginRefreshTests {

	@Test
	void loginRefreshAnswersTheSignedInUser(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		control.freezeClock(true);
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		HttpResponse<String> refresh = client.get("/login_refresh");
		assertThat(refresh.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(refresh.body(), "$.username")).isEqualTo("admin");
		assertThat(control.requestCount("GET", "/login_refresh")).isEqualTo(1);
	}

}
