package com.example.nas;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class ScopedFaultTests {

	@Test
	void aScopedFaultHitsOnlyTheClientThatCarriesTheScope(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		NasClient flaky = client.scoped("flaky");
		control.addFault(Fault.on("GET", "/system").status(502).scope("flaky"));
		client.login("admin", "admin");
		flaky.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(flaky.get("/system").statusCode()).isEqualTo(502);
		assertThat(control.requests("GET", "/system")).extracting(RecordedRequest::scope)
			.containsExactly("flaky", null);
	}

}
