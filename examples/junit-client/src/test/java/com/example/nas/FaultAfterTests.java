package com.example.nas;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class FaultAfterTests {

	@Test
	void aFaultThatLetsTwoCallsThroughFailsTheThird(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		control.addFault(Fault.on("GET", "/system").status(503).after(2));
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(client.get("/system").statusCode()).isEqualTo(503);
		assertThat(control.requests("GET", "/system")).extracting(RecordedRequest::status)
			.containsExactly(503, 200, 200);
	}

}
