package com.example.nas;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class DelayFaultTests {

	@Test
	void aDelayedSystemAnswerArrivesLateButWhole(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		control.addFault(Fault.on("GET", "/system").delay(Duration.ofMillis(300)));
		long started = System.nanoTime();
		HttpResponse<String> system = client.get("/system");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(system.statusCode()).isEqualTo(200);
		assertThat(control.requests("GET", "/system").get(0).durationMs()).isGreaterThanOrEqualTo(300);
	}

}
