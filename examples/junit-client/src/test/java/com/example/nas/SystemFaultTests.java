package com.example.nas;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class SystemFaultTests {

	@Test
	void aFaultOnSystemAnswersTheVendorsErrorEnvelope(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		control.addFault(Fault.on("GET", "/system").status(500).message("disk on fire"));
		HttpResponse<String> system = client.get("/system");
		assertThat(system.statusCode()).isEqualTo(500);
		assertThat(JsonPath.<String>read(system.body(), "$.error.message")).isEqualTo("disk on fire");
		assertThat(control.requests("GET", "/system").get(0).fault()).isNotNull();
	}

}
