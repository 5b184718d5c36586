package com.example.nas;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class LoginFaultTests {

	@Test
	void aLoginRefusedOnceSucceedsOnTheNextTry(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		control.addFault(Fault.on("POST", "/login").status(503).times(1));
		assertThat(client.login("admin", "admin").statusCode()).isEqualTo(503);
		assertThat(client.login("admin", "admin").statusCode()).isEqualTo(200);
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(control.requests("POST", "/login")).extracting(RecordedRequest::status).containsExactly(200, 503);
	}

}
