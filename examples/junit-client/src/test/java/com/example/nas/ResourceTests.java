package com.example.nas;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class ResourceTests {

	@Test
	void systemResourceAnswersCpuAndMemoryFigures(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		HttpResponse<String> resource = client.get("/system/resource");
		assertThat(resource.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(resource.body(), "$.cpu_usage")).isNotBlank();
		assertThat(control.requestCount("GET", "/system/resource")).isEqualTo(1);
	}

}
