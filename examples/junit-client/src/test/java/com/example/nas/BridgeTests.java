package com.example.nas;

import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class BridgeTests {

	@Test
	void systemBridgeListsTheFixturesAdapters(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		HttpResponse<String> bridge = client.get("/system/bridge");
		assertThat(JsonPath.<List<String>>read(bridge.body(), "$.data[*].name")).isNotEmpty();
		assertThat(control.requestCount("GET", "/system/bridge")).isEqualTo(1);
	}

}
