package com.example.nas;

import java.io.UncheckedIOException;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ContainerStationEmulatorTest
class DroppedConnectionTests {

	@Test
	void aDroppedConnectionReachesTheClientAsAnIOError(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		// Every time: java.net.http retries an idempotent GET once on a closed
		// connection.
		String drop = control.addFault(Fault.on("GET", "/system").drop());
		assertThatThrownBy(() -> client.get("/system")).isInstanceOf(UncheckedIOException.class);
		control.removeFault(drop);
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(control.requests("GET", "/system")).extracting(RecordedRequest::status).first().isEqualTo(200);
		assertThat(control.requests("GET", "/system")).extracting(RecordedRequest::status).contains(0);
	}

}
