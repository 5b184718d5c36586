package com.example.nas;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class SystemFactsTests {

	@Test
	void systemAnswersTheFixturesHostFacts(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		HttpResponse<String> system = client.get("/system");
		assertThat(JsonPath.<Integer>read(system.body(), "$.cpuCore")).isEqualTo(4);
		assertThat(JsonPath.<String>read(system.body(), "$.hostname")).isNotBlank();
		assertThat(control.requests("GET", "/system")).hasSize(1);
	}

}
