package dev.csemu.report;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.csemu.support.SignIn;
import dev.csemu.system.LiveEmulatorTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /system/report}, replaying the vendor's curl call: an archive an
 * administrator downloads, holding the host facts, configuration and log without a
 * secret; refused to everyone else.
 */
@LiveEmulatorTest
class ReportEndpointTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void anAdministratorDownloadsATarBzip2NamedAfterTheHostAndTime() {
		String sid = SignIn.asAdmin(this.port);
		ExtractableResponse<Response> response = report(sid, 200);
		assertThat(response.contentType()).isEqualTo("application/x-bzip2");
		String hostname = JSON.readTree(get(sid, "/system")).get("hostname").asString();
		assertThat(response.header("Content-Disposition")).matches("attachment; filename=\"container-station-report-"
				+ hostname.replaceAll("[^A-Za-z0-9._-]", "_") + "-\\d{8}-\\d{6}\\.tbz\"");
		ReportArchive archive = ReportArchive.open(response.asByteArray());
		assertThat(archive.files()).containsOnlyKeys("system.json", "resource.json", "bridge.json", "ports.json",
				"tls.json", "config.json", "versions.json", "log.txt");
	}

	@Test
	void theTlsSectionDescribesTheCertificatesButHoldsNoKey() {
		ReportArchive archive = ReportArchive.open(report(SignIn.asAdmin(this.port), 200).asByteArray());
		JsonNode tls = JSON.readTree(archive.files().get("tls.json"));
		assertThat(tls.get("certificates").valueStream().map((certificate) -> certificate.get("role").asString()))
			.containsExactlyInAnyOrder("ca", "server", "client");
		assertThat(tls.get("certificates").get(0).get("serialNumber").asString()).isNotBlank();
		assertThat(archive.text()).doesNotContain("PRIVATE KEY");
	}

	@Test
	void theArchiveHoldsTheSameFactsAsTheEndpoints() {
		String sid = SignIn.asAdmin(this.port);
		ReportArchive archive = ReportArchive.open(report(sid, 200).asByteArray());
		assertThat(JSON.readTree(archive.files().get("system.json"))).isEqualTo(JSON.readTree(get(sid, "/system")));
		assertThat(JSON.readTree(archive.files().get("bridge.json")))
			.isEqualTo(JSON.readTree(get(sid, "/system/bridge")));
		assertThat(JSON.readTree(archive.files().get("resource.json")).get("memory_usage").get("total"))
			.isEqualTo(JSON.readTree(get(sid, "/system/resource")).get("memory_usage").get("total"));
		JsonNode ports = JSON.readTree(archive.files().get("ports.json"));
		assertThat(ports.get("tcp").valueStream().map(JsonNode::asInt)).contains(this.port);
		JsonNode versions = JSON.readTree(archive.files().get("versions.json"));
		assertThat(versions.get("java").asString()).isEqualTo(Runtime.version().toString());
		assertThat(archive.files().get("log.txt")).isNotBlank();
	}

	@Test
	void theConfigurationIsThereWithoutAPasswordOrTotpSecret() {
		ReportArchive archive = ReportArchive.open(report(SignIn.asAdmin(this.port), 200).asByteArray());
		JsonNode config = JSON.readTree(archive.files().get("config.json"));
		assertThat(config.get("emulator.users.bob.password").asString()).isEqualTo("******");
		assertThat(config.get("emulator.users.bob.two-step-secret").asString()).isEqualTo("******");
		assertThat(config.get("emulator.users.alice.password").asString()).isEqualTo("******");
		assertThat(config.get("emulator.host.source").asString()).isEqualTo("live");
		assertThat(config.get("server.address").asString()).isEqualTo("127.0.0.1");
		assertThat(archive.text()).doesNotContain(LiveEmulatorTest.SECRET_PASSWORD)
			.doesNotContain(LiveEmulatorTest.SECRET_TOTP);
	}

	/**
	 * Tomcat logs a request it cannot parse with what it read of it; with
	 * {@code org.apache.juli.logging.UserDataHelper.CONFIG=INFO_ALL} (set for the tests)
	 * it does so every time, not only the first time in a process.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void noSecretOfAMalformedRequestReachesTheLogOrTheReport(CapturedOutput output) throws Exception {
		sendRaw("GET /cgi-bin/authLogin.cgi?user=admin&pwd=pwd-in-target|x HTTP/1.1\r\nHost: localhost\r\n\r\n");
		sendRaw("GET /cgi-bin/authLogin.cgi?user=admin&plain_pwd=plain-in-query%ZZ HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n");
		sendRaw("GET " + SignIn.API + "/system HTTP/1.1\r\nHost: localhost\r\nCookie: CS_SESS_ID=\"cookie-in-header\r\n"
				+ "Connection: close\r\n\r\n");
		sendRaw("GET " + SignIn.API + "/system?sid=sid-in-query&x={ HTTP/1.1\r\nHost: localhost\r\n\r\n");
		ReportArchive archive = ReportArchive.open(report(SignIn.asAdmin(this.port), 200).asByteArray());
		for (String secret : new String[] { "pwd-in-target", "plain-in-query", "cookie-in-header", "sid-in-query" }) {
			assertThat(output.getAll()).as("console").doesNotContain(secret);
			assertThat(archive.files().get("log.txt")).as("log.txt").doesNotContain(secret);
		}
	}

	@Test
	void aUserWhoIsNotAnAdministratorIsForbidden() {
		String body = report(SignIn.as(this.port, "alice", "alice"), 403).asString();
		assertThat(JSON.readTree(body).at("/error/code").asInt()).isEqualTo(403);
	}

	@Test
	void withoutASessionTheReportIsRefused() {
		String body = given().port(this.port)
			.get(SignIn.API + "/system/report")
			.then()
			.statusCode(401)
			.extract()
			.asString();
		assertThat(JSON.readTree(body).at("/error/code").asInt()).isEqualTo(401);
	}

	private ExtractableResponse<Response> report(String sid, int status) {
		return given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(SignIn.API + "/system/report")
			.then()
			.statusCode(status)
			.extract();
	}

	private void sendRaw(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			socket.getInputStream().readNBytes(1);
		}
	}

	private String get(String sid, String route) {
		return SignIn.getJson(this.port, sid, SignIn.API + route);
	}

}
