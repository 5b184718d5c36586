package dev.csemu.junit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.csemu.junit.EmulatorControl.Fault;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension as a client author uses it: a plain HTTP client against the in-process
 * emulator, steered through the control client.
 */
@ContainerStationEmulatorTest(users = "alice:alice-secret", clock = "2030-01-01T00:00:00Z")
class ContainerStationEmulatorExtensionTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void injectedFaultHitsTheNextLoginAndTheJournalShowsIt(ContainerStationEmulator emulator, EmulatorControl control)
			throws Exception {
		control.addFault(Fault.on("POST", "/login").status(503).times(1));

		assertThat(login(emulator, "alice", "alice-secret").statusCode()).isEqualTo(503);
		HttpResponse<String> second = login(emulator, "alice", "alice-secret");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.body()).contains("\"logintime\":\"2030-01-01 ");

		List<RecordedRequest> logins = control.requests("POST", "/login");
		assertThat(logins).extracting(RecordedRequest::status).containsExactly(200, 503);
		assertThat(logins.get(1).fault()).isNotNull();
		assertThat(logins).allSatisfy((request) -> assertThat(request.body()).doesNotContain("alice-secret"));
	}

	@Test
	void advancingTheClockTurnsTheCertificateWarningOn(ContainerStationEmulator emulator, EmulatorControl control)
			throws Exception {
		control.advanceClock(Duration.ofDays(1060));
		String cookie = login(emulator, "admin", "admin").headers()
			.firstValue("Set-Cookie")
			.orElseThrow()
			.split(";")[0];
		HttpResponse<String> tls = this.http.send(
				HttpRequest.newBuilder(URI.create(emulator.apiUrl() + "/tls")).header("Cookie", cookie).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(tls.body()).contains("\"outdatedNotify\":true");
	}

	@Test
	void everyTestStartsFromAKnownState(EmulatorControl control, URI baseUrl) {
		assertThat(control.requestCount(null, null)).isZero();
		assertThat(control.now()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
		control.advanceClock(Duration.ofDays(30));
		assertThat(control.now()).isEqualTo(Instant.parse("2030-01-31T00:00:00Z"));
		assertThat(baseUrl.getHost()).isEqualTo("127.0.0.1");
	}

	@Test
	void hostFactsComeFromTheFixtureByDefault(ContainerStationEmulator emulator) {
		assertThat(emulator.apiUrl().toString()).endsWith("/container-station/api/v1");
		assertThat(emulator.port()).isPositive();
	}

	private HttpResponse<String> login(ContainerStationEmulator emulator, String user, String password)
			throws Exception {
		String body = "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}";
		return this.http.send(HttpRequest.newBuilder(URI.create(emulator.apiUrl() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
