package com.example.nas;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.csemu.junit.ContainerStationEmulator;
import dev.csemu.junit.ContainerStationEmulatorTest;
import dev.csemu.junit.EmulatorControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ContainerStationEmulatorTest
class SignInTests {

	@Test
	void signingInAsAdminAnswersTheVendorsBodyAndTheJournalRecordsIt(ContainerStationEmulator emulator,
			EmulatorControl control) {
		NasClient client = new NasClient(emulator.apiUrl());
		HttpResponse<String> login = client.login("admin", "admin");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(login.body(), "$.username")).isEqualTo("admin");
		assertThat(JsonPath.<Boolean>read(login.body(), "$.isAdmin")).isTrue();
		assertThat(client.get("/system").statusCode()).isEqualTo(200);
		assertThat(control.requestCount("POST", "/login")).isEqualTo(1);
	}

}
