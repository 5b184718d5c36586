package com.example.nas;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class UnauthenticatedTests {

	@Test
	void systemWithoutASessionIsRefusedWithTheEnvelope(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		HttpResponse<String> system = client.get("/system");
		assertThat(system.statusCode()).isEqualTo(401);
		assertThat(JsonPath.<Object>read(system.body(), "$.error.code")).isNotNull();
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(control.requests("GET", "/system")).extracting(RecordedRequest::status).containsExactly(200, 401);
	}

}
