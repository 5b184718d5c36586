package dev.csemu.control;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.csemu.support.CertZip;
import dev.csemu.support.ControlRequest;
import dev.csemu.support.SignIn;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * What the dashboard reads and does, over a real socket: sessions, blocks, certificates
 * against the clock, the live journal, host history, and the page's own files.
 */
@ControlPlaneTest
@ExtendWith(OutputCaptureExtension.class)
class DashboardApiTests {

	static final String TOKEN = ControlPlaneTest.TOKEN;

	@LocalServerPort
	int port;

	@AfterEach
	void reset() {
		control().body("{}").post("/_emulator/reset").then().statusCode(200);
	}

	@Test
	void sessionsListWhoSignedInHowAndFromWhereButNeverTheId() {
		String sid = SignIn.as(this.port, "alice", "alice-password");
		String body = control().get("/_emulator/sessions").then().statusCode(200).extract().asString();
		assertThat(body).doesNotContain(sid);
		JsonPath sessions = JsonPath.from(body);
		assertThat(sessions.getList("user")).containsExactly("alice");
		assertThat(sessions.getString("[0].kind")).isEqualTo("session");
		assertThat(sessions.getString("[0].via")).isEqualTo("password");
		assertThat(sessions.getString("[0].address")).isEqualTo("127.0.0.1");
		assertThat(sessions.getBoolean("[0].admin")).isFalse();
		assertThat(sessions.getLong("[0].idleSecondsLeft")).isPositive();
	}

	@Test
	void endingASessionSignsTheClientOut() {
		String sid = SignIn.asAdmin(this.port);
		String handle = control().get("/_emulator/sessions").then().extract().path("[0].handle");
		control().delete("/_emulator/sessions/" + handle).then().statusCode(200).body("result", equalTo(true));
		given().port(this.port).cookie(SignIn.COOKIE, sid).get(SignIn.API + "/login_refresh").then().statusCode(401);
		control().get("/_emulator/sessions").then().body("$", hasSize(0));
		control().delete("/_emulator/sessions/" + handle).then().statusCode(404);
	}

	@Test
	void aQtsSidIsListedToo() {
		given().port(this.port)
			.queryParam("user", "admin")
			.queryParam("plain_pwd", "admin")
			.get("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200);
		control().get("/_emulator/sessions")
			.then()
			.body("kind", equalTo(List.of("qts-sid")))
			.body("via", equalTo(List.of("password")));
	}

	@Test
	void blockedAddressesAreListedUntilFreed() {
		control().get("/_emulator/blocks").then().statusCode(200).body("$", hasSize(0));
		for (int i = 0; i < 2; i++) {
			given().port(this.port)
				.contentType(ContentType.JSON)
				.body("{\"username\": \"admin\", \"password\": \"wrong\"}")
				.post(SignIn.API + "/login");
		}
		control().get("/_emulator/blocks")
			.then()
			.body("kind", equalTo(List.of("ADDRESS")))
			.body("name", equalTo(List.of("127.0.0.1")));
		control().body("{\"advance\": \"P1D\"}").put("/_emulator/clock").then().statusCode(200);
		control().get("/_emulator/blocks").then().body("$", hasSize(0));
	}

	@Test
	void certificatesCountTheirDaysOnTheEmulatorsClock() {
		JsonPath fresh = control().get("/_emulator/certificates").then().statusCode(200).extract().jsonPath();
		assertThat(fresh.getList("certificates.role")).containsExactly("ca", "server", "client");
		assertThat(fresh.getInt("certificates[2].daysLeft")).isBetween(1078, 1080);
		assertThat(fresh.getBoolean("outdatedNotify")).isFalse();
		control().body("{\"advance\": \"P1060D\"}").put("/_emulator/clock").then().statusCode(200);
		JsonPath later = control().get("/_emulator/certificates").then().extract().jsonPath();
		assertThat(later.getInt("certificates[2].daysLeft")).isBetween(18, 20);
		assertThat(later.getBoolean("outdatedNotify")).isTrue();
		control().body("{\"advance\": \"P30D\"}").put("/_emulator/clock").then().statusCode(200);
		JsonPath expired = control().get("/_emulator/certificates").then().extract().jsonPath();
		assertThat(expired.getInt("certificates[2].daysLeft")).isNegative();
		assertThat(expired.getBoolean("certificates[2].valid")).isFalse();
	}

	@Test
	void rotatingTheClientCertificateRetiresTheOldSerialAndTheBundleHasTheNewOne() {
		String before = control().get("/_emulator/certificates").then().extract().path("certificates[2].serialNumber");
		JsonPath after = control().post("/_emulator/certificates/client/rotation")
			.then()
			.statusCode(200)
			.extract()
			.jsonPath();
		assertThat(after.getString("certificates[2].serialNumber")).isNotEqualTo(before);
		assertThat(after.getList("retiredClientSerials")).contains(before);
		byte[] zip = control().get("/_emulator/certificates/bundle")
			.then()
			.statusCode(200)
			.contentType("application/zip")
			.header("Content-Disposition", "attachment; filename=\"cert.zip\"")
			.extract()
			.asByteArray();
		Map<String, String> entries = CertZip.entries(zip);
		assertThat(entries).containsOnlyKeys("ca.pem", "cert.pem", "key.pem");
	}

	@Test
	void aReaderLeavingTheJournalStreamIsNoFailureOfTheEmulator(CapturedOutput output) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /_emulator/requests/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder received = new StringBuilder();
			while (!received.toString().contains(":journal")) {
				int read = in.read();
				assertThat(read).as("the stream opens with its comment").isNotEqualTo(-1);
				received.append((char) read);
			}
			assertThat(received.toString()).startsWith("HTTP/1.1 200");
		}
		for (int i = 0; i < 5; i++) {
			given().port(this.port).get(SignIn.API + "/system").then().statusCode(401);
			Thread.sleep(100);
		}
		Thread.sleep(500);
		assertThat(output.getAll()).doesNotContain("Unexpected failure")
			.doesNotContain("AsyncRequestNotUsableException");
	}

	@Test
	void theJournalStreamDeliversARequestWithinASecond() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/_emulator/requests/stream"))
			.header("Authorization", "Bearer " + TOKEN)
			.build();
		HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
				try {
					for (String line = reader.readLine(); line != null; line = reader.readLine()) {
						if (line.startsWith("data:")) {
							return line.substring(5);
						}
					}
					return null;
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			long sent = System.nanoTime();
			given().port(this.port).get(SignIn.API + "/system").then().statusCode(401);
			String data = event.get(1, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
			JsonPath entry = JsonPath.from(data);
			assertThat(entry.getString("method")).isEqualTo("GET");
			assertThat(entry.getString("path")).isEqualTo(SignIn.API + "/system");
			assertThat(entry.getInt("status")).isEqualTo(401);
		}
	}

	@Test
	void hostHistoryHoldsTheSamplersFigures() {
		control().get("/_emulator/host/history")
			.then()
			.statusCode(200)
			.body("source", equalTo("live"))
			.body("intervalSeconds", equalTo(5))
			.body("points.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
	}

	@Test
	void thePageLoadsWithoutTheTokenUnderAStrictPolicyButNoDataDoes() {
		given().port(this.port)
			.get("/_emulator/ui/")
			.then()
			.statusCode(200)
			.contentType(containsString("text/html"))
			.header("Content-Security-Policy", containsString("default-src 'self'"))
			.header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
			.header("X-Frame-Options", "DENY")
			.body(containsString("<script src=\"/_emulator/ui/app.js\""))
			.body(org.hamcrest.Matchers.not(containsString("<script>")))
			.body(org.hamcrest.Matchers.not(containsString("style=")));
		given().port(this.port)
			.get("/_emulator/ui/app.js")
			.then()
			.statusCode(200)
			.contentType(containsString("javascript"));
		given().port(this.port)
			.get("/_emulator/ui/app.css")
			.then()
			.statusCode(200)
			.contentType(containsString("text/css"));
		// Only the page's own files are open: anything else below ui/ needs the token.
		given().port(this.port).get("/_emulator/ui/other.js").then().statusCode(401);
		// Spellings that would reach another route are refused before any rule.
		given().port(this.port).get("/_emulator/ui/app.js;x=1").then().statusCode(400);
		given().port(this.port).urlEncodingEnabled(false).get("/_emulator/ui/..%2Fsessions").then().statusCode(400);
		given().port(this.port).get("/_emulator/sessions").then().statusCode(401);
		given().port(this.port).get("/_emulator/requests/stream").then().statusCode(401);
		given().port(this.port).get("/_emulator/certificates/bundle").then().statusCode(401);
		control().get("/_emulator/ui/other.js").then().statusCode(404);
	}

	private RequestSpecification control() {
		return ControlRequest.to(this.port, TOKEN);
	}

}
