package com.example.nas;

import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class ResetTests {

	/**
	 * The first repetition leaves a fault and a journal behind; the next ones must not
	 * see them.
	 */
	@RepeatedTest(3)
	void everyTestStartsWithoutTheFaultsAndJournalOfTheLast(ContainerStationEmulator emulator,
			EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		assertThat(control.requestCount(null, null)).isZero();
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		control.addFault(Fault.on("GET", "/system").status(500));
		assertThat(client.get("/system").statusCode()).isEqualTo(500);
	}

}
