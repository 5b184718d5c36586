package com.example.nas;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class CertificateWarningTests {

	@Test
	void theCertificateWarningTurnsOnAsTheClockNearsItsEnd(ContainerStationEmulator emulator, EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		client.login("admin", "admin");
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Boolean>read(client.get("/tls").body(), "$.outdatedNotify")).isFalse();
		control.advanceClock(Duration.ofDays(1060));
		client.login("admin", "admin");
		assertThat(JsonPath.<Boolean>read(client.get("/tls").body(), "$.outdatedNotify")).isTrue();
	}

}
