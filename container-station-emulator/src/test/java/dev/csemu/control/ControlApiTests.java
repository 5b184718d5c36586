package dev.csemu.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.csemu.support.CertZip;
import dev.csemu.support.ControlRequest;
import dev.csemu.support.SignIn;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The control API over a real socket: a test steering the emulator as a client author
 * would.
 */
@ControlPlaneTest
class ControlApiTests {

	static final String TOKEN = ControlPlaneTest.TOKEN;

	private static final String API = SignIn.API;

	@LocalServerPort
	int port;

	@AfterEach
	void reset() {
		control().body("{}").post("/_emulator/reset").then().statusCode(200);
	}

	@Test
	void healthNeedsNoToken() {
		given().port(this.port).get("/_emulator/health").then().statusCode(200).body("status", equalTo("UP"));
	}

	@Test
	void controlApiRefusesASessionCookieAndAWrongToken() {
		String sid = SignIn.asAdmin(this.port);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get("/_emulator/info"), 401);
		expectError(given().port(this.port).header("Authorization", "Bearer nope").get("/_emulator/info"), 401);
		expectError(given().port(this.port).get("/_emulator/clock"), 401);
		control().get("/_emulator/info")
			.then()
			.statusCode(200)
			.body("ports.http", equalTo(this.port))
			.body("hostSource", equalTo("live"));
	}

	@Test
	void hostOverridesSetTheNextResourceFiguresAndUsedPortsUntilReset() {
		String sid = SignIn.asAdmin(this.port);
		control()
			.body("{\"cpu_usage\": \"12.5\", \"memory_usage\": {\"total\": 1000, \"used\": 250, "
					+ "\"buffers\": 100, \"cached\": 333}}")
			.put("/_emulator/host/resource")
			.then()
			.statusCode(200);
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(API + "/system/resource")
			.then()
			.statusCode(200)
			.body("cpu_usage", equalTo("12.5"))
			.body("memory_usage.percent", equalTo(25))
			.body("memory_usage.percent_cached", equalTo(33));
		control().body("{\"tcp\": [5001], \"udp\": [33806]}").put("/_emulator/host/ports").then().statusCode(200);
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(API + "/system/port/udp/33806")
			.then()
			.body("used", equalTo(true));

		control().body("{}").post("/_emulator/reset").then().statusCode(200).body("result", equalTo(true));
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/system/resource"), 401);
		String again = SignIn.asAdmin(this.port);
		given().port(this.port)
			.cookie(SignIn.COOKIE, again)
			.get(API + "/system/port/udp/33806")
			.then()
			.body("used", equalTo(false));
	}

	@Test
	void badHostOverridesAre400() {
		expectError(control()
			.body("{\"cpu_usage\": \"lots\", \"memory_usage\": {\"total\": 1, \"used\": 0, "
					+ "\"buffers\": 0, \"cached\": 0}}")
			.put("/_emulator/host/resource"), 400);
		expectError(control()
			.body("{\"cpu_usage\": \"50.0\", \"memory_usage\": {\"total\": 0, \"used\": 0, "
					+ "\"buffers\": 0, \"cached\": 0}}")
			.put("/_emulator/host/resource"), 400);
		expectError(control().body("{\"cpu_usage\": \"50.0\"}").put("/_emulator/host/resource"), 400);
		expectError(control().body("{\"tcp\": [70000]}").put("/_emulator/host/ports"), 400);
		expectError(control().body("{\"tcp\": [\"80\"]}").put("/_emulator/host/ports"), 400);
	}

	@Test
	void advancingTheClockTurnsTheCertificateWarningOn() {
		String sid = SignIn.asAdmin(this.port);
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(API + "/tls")
			.then()
			.body("outdatedNotify", equalTo(false));
		control().body("{\"advance\": \"P1060D\"}").put("/_emulator/clock").then().statusCode(200);
		String again = SignIn.asAdmin(this.port);
		given().port(this.port)
			.cookie(SignIn.COOKIE, again)
			.get(API + "/tls")
			.then()
			.body("outdatedNotify", equalTo(true));
	}

	@Test
	void snapshotThenRotateThenRestoreGivesTheOldBundleBack() throws IOException {
		control().body("{\"now\": \"2031-05-05T05:05:05Z\", \"frozen\": true}").put("/_emulator/clock");
		String sid = SignIn.asAdmin(this.port);
		control().body("{\"tcp\": [4242], \"udp\": []}").put("/_emulator/host/ports");
		Map<String, String> before = export(sid);
		control().post("/_emulator/snapshots/before-rotation").then().statusCode(201);

		given().port(this.port).cookie(SignIn.COOKIE, sid).post(API + "/tls/rotation").then().statusCode(200);
		control().body("{}").post("/_emulator/reset");
		sid = SignIn.asAdmin(this.port);
		assertThat(export(sid).get("cert.pem")).isNotEqualTo(before.get("cert.pem"));

		control().post("/_emulator/snapshots/before-rotation/restore").then().statusCode(200);
		// The clock is back in 2031: the session opened in between has long expired.
		sid = SignIn.asAdmin(this.port);
		assertThat(export(sid)).isEqualTo(before);
		control().get("/_emulator/clock")
			.then()
			.body("now", equalTo("2031-05-05T05:05:05Z"))
			.body("frozen", equalTo(true));
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(API + "/system/port/tcp/4242")
			.then()
			.body("used", equalTo(true));
		control().get("/_emulator/snapshots")
			.then()
			.body("snapshots", org.hamcrest.Matchers.hasItem("before-rotation"));
		control().delete("/_emulator/snapshots/before-rotation").then().statusCode(200);
		expectError(control().post("/_emulator/snapshots/before-rotation/restore"), 404);
		expectError(control().delete("/_emulator/snapshots/before-rotation"), 404);
		expectError(control().post("/_emulator/snapshots/..%2Fescape"), 400);
	}

	@Test
	void resetWithTlsMakesANewCertificateAuthority() throws IOException {
		String sid = SignIn.asAdmin(this.port);
		String ca = export(sid).get("ca.pem");
		control().body("{\"tls\": false}").post("/_emulator/reset").then().statusCode(200);
		sid = SignIn.asAdmin(this.port);
		assertThat(export(sid).get("ca.pem")).isEqualTo(ca);
		control().body("{\"tls\": true}").post("/_emulator/reset").then().statusCode(200);
		sid = SignIn.asAdmin(this.port);
		assertThat(export(sid).get("ca.pem")).isNotEqualTo(ca);
	}

	private Map<String, String> export(String sid) throws IOException {
		byte[] zip = given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(API + "/tls/export")
			.then()
			.statusCode(200)
			.extract()
			.asByteArray();
		return CertZip.entries(zip);
	}

	@Test
	void openApiDocumentIsServedAsJson() {
		control().get("/_emulator/openapi.json")
			.then()
			.statusCode(200)
			.contentType(ContentType.JSON)
			.body("openapi", equalTo("3.1.0"))
			.body("paths", org.hamcrest.Matchers.hasKey("/login"));
	}

	@Test
	void prometheusMetricsAreBehindTheToken() {
		login("admin", "admin").then().statusCode(200);
		expectError(given().port(this.port).get("/_emulator/metrics"), 401);
		String metrics = control().get("/_emulator/metrics")
			.then()
			.statusCode(200)
			.contentType(org.hamcrest.Matchers.containsString("text/plain"))
			.extract()
			.asString();
		assertThat(metrics).contains("http_server_requests_seconds_count").contains("jvm_memory_used_bytes");
	}

	@Test
	void requestMetricsNeverTakeAMethodOrPathAClientMadeUp() {
		for (int i = 0; i < 40; i++) {
			given().port(this.port).request("INVENTED" + i, API + "/system");
			given().port(this.port).get("/made-up/path/" + i);
		}
		String metrics = control().get("/_emulator/metrics").then().statusCode(200).extract().asString();
		assertThat(metrics).contains("http_server_requests_seconds_count")
			.doesNotContain("INVENTED")
			.doesNotContain("/made-up/path/");
	}

	@Test
	void clockCanBeSetAdvancedFrozenAndSentBack() {
		control().body("{\"now\": \"2030-01-01T00:00:00Z\", \"frozen\": true}")
			.put("/_emulator/clock")
			.then()
			.statusCode(200)
			.body("now", equalTo("2030-01-01T00:00:00Z"))
			.body("frozen", equalTo(true));
		control().body("{\"advance\": \"P30D\"}")
			.put("/_emulator/clock")
			.then()
			.body("now", equalTo("2030-01-31T00:00:00Z"));
		String sid = SignIn.asAdmin(this.port);
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.get(API + "/login_refresh")
			.then()
			.body("logintime", org.hamcrest.Matchers.startsWith("2030-01-3"));
		control().body("{\"system\": true}")
			.put("/_emulator/clock")
			.then()
			.body("system", equalTo(true))
			.body("frozen", equalTo(false));
	}

	@Test
	void clockRefusesNonsense() {
		expectError(control().body("{\"now\": \"yesterday\"}").put("/_emulator/clock"), 400);
		expectError(control().body("{\"advance\": \"30 days\"}").put("/_emulator/clock"), 400);
		expectError(control().body("{}").put("/_emulator/clock"), 400);
		expectError(control().body("{\"frozen\": \"yes\"}").put("/_emulator/clock"), 400);
	}

	@Test
	void advancingTheClockExpiresSessionsAndLiftsBlocks() {
		String sid = SignIn.asAdmin(this.port);
		control().body("{\"advance\": \"PT31M\"}").put("/_emulator/clock").then().statusCode(200);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh"), 401);

		for (int i = 0; i < 2; i++) {
			login("admin", "wrong").then().statusCode(401);
		}
		login("admin", "admin").then().statusCode(403);
		control().body("{\"advance\": \"PT6M\"}").put("/_emulator/clock").then().statusCode(200);
		login("admin", "admin").then().statusCode(200);
	}

	@Test
	void statusFaultAnswersTheEnvelopeAfterSkippingAndForLimitedTimes() {
		control()
			.body("{\"method\": \"POST\", \"path\": \"/login\", \"status\": 503, \"message\": \"NAS busy\", "
					+ "\"times\": 1, \"after\": 2}")
			.post("/_emulator/faults")
			.then()
			.statusCode(201)
			.body("id", not(nullValue()));
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			statuses.add(login("admin", "admin").statusCode());
		}
		assertThat(statuses).containsExactly(200, 200, 503, 200);
		Response faulted = control().get("/_emulator/requests?path=/login&method=POST");
		faulted.then().body("[1].status", equalTo(503)).body("[1].fault", not(nullValue()));
		control().get("/_emulator/faults").then().body("[0].applied", equalTo(1)).body("[0].remaining", equalTo(0));
	}

	@Test
	void faultsMatchEveryBasePathAndPathPatterns() {
		control().body("{\"path\": \"/login_refresh\", \"status\": 500}").post("/_emulator/faults");
		String sid = SignIn.asAdmin(this.port);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get("/api/v1/login_refresh"), 500);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh"), 500);
		control().delete("/_emulator/faults");
		control().body("{\"path\": \"/**\", \"status\": 429}").post("/_emulator/faults");
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get("/containerstation/api/v1/tls"), 429);
	}

	@Test
	void delayFaultDelaysTheRealAnswer() {
		control().body("{\"path\": \"/login\", \"delayMs\": 300, \"times\": 1}").post("/_emulator/faults");
		long start = System.nanoTime();
		login("admin", "admin").then().statusCode(200);
		long elapsedMs = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
	}

	@Test
	void dropFaultClosesTheConnectionWithoutAnAnswer() throws IOException {
		control().body("{\"path\": \"/login\", \"drop\": true, \"times\": 1}").post("/_emulator/faults");
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			String body = "{\"username\": \"admin\", \"password\": \"admin\"}";
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + API + "/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"
					+ body)
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(in.read()).as("no byte of an answer, then end of stream").isEqualTo(-1);
		}
		login("admin", "admin").then().statusCode(200);
	}

	@Test
	void seededProbabilityIsReproducible() {
		List<Integer> first = runSeeded();
		control().delete("/_emulator/faults");
		List<Integer> second = runSeeded();
		assertThat(first).isEqualTo(second).contains(200, 503);
	}

	private List<Integer> runSeeded() {
		control().body("{\"path\": \"/login\", \"status\": 503, \"probability\": 0.5, \"seed\": 42}")
			.post("/_emulator/faults");
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			statuses.add(login("admin", "admin").statusCode());
		}
		return statuses;
	}

	@Test
	void scopedFaultHitsOnlyRequestsCarryingItsScope() {
		control().body("{\"path\": \"/login\", \"status\": 503, \"scope\": \"test-a\"}").post("/_emulator/faults");
		login("admin", "admin").then().statusCode(200);
		curlLogin().header("X-Emulator-Scope", "test-b").post(API + "/login").then().statusCode(200);
		expectError(curlLogin().header("X-Emulator-Scope", "test-a").post(API + "/login"), 503);
		control().get("/_emulator/requests?scope=test-a").then().body("$", hasSize(1)).body("[0].status", equalTo(503));
	}

	@Test
	void badFaultsAre400() {
		expectError(control().body("{\"path\": \"/login\"}").post("/_emulator/faults"), 400);
		expectError(control().body("{\"status\": 200}").post("/_emulator/faults"), 400);
		expectError(control().body("{\"status\": 503, \"probability\": 2}").post("/_emulator/faults"), 400);
		expectError(control().body("{\"status\": 503, \"path\": \"login\"}").post("/_emulator/faults"), 400);
		expectError(control().body("{\"status\": \"503\"}").post("/_emulator/faults"), 400);
		expectError(control().delete("/_emulator/faults/nope"), 404);
	}

	@Test
	void journalRecordsRequestsNewestFirstWithSecretsRedacted() {
		Instant before = Instant.now().minusSeconds(1);
		String sid = SignIn.asAdmin(this.port);
		given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh").then().statusCode(200);
		given().port(this.port)
			.queryParam("user", "admin")
			.queryParam("pwd", "YWRtaW4=")
			.queryParam("security_code", "123456")
			.get("/cgi-bin/authLogin.cgi");
		curlJson("{\"sid\": \"secret-sid\"}").post(API + "/login");

		String journal = control().queryParam("since", before.toString())
			.get("/_emulator/requests")
			.then()
			.statusCode(200)
			.body("[0].body", equalTo("{\"sid\":\"***\"}"))
			.body("[1].path", equalTo("/cgi-bin/authLogin.cgi"))
			.body("[2].path", equalTo(API + "/login_refresh"))
			.body("[2].user", equalTo("admin"))
			.body("[2].status", equalTo(200))
			.body("[3].user", equalTo("admin"))
			.body("[3].body", equalTo("{\"username\":\"admin\",\"password\":\"***\"}"))
			.body("[2].headers.Cookie", equalTo("***"))
			.extract()
			.asString();
		assertThat(journal).doesNotContain(sid)
			.doesNotContain("secret-sid")
			.doesNotContain("YWRtaW4=")
			.doesNotContain("123456")
			.contains("pwd=***")
			.contains("security_code=***");
		control().get("/_emulator/requests/count?method=GET").then().body("count", equalTo(2));
		control().delete("/_emulator/requests").then().statusCode(200);
		control().get("/_emulator/requests/count").then().body("count", equalTo(0));
	}

	@Test
	void journalRefusesBadFilters() {
		expectError(control().get("/_emulator/requests?since=yesterday"), 400);
		expectError(control().get("/_emulator/requests?path={{"), 400);
	}

	private Response login(String username, String password) {
		return curlJson("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
			.post(API + "/login");
	}

	private RequestSpecification curlLogin() {
		return curlJson("{\"username\": \"admin\", \"password\": \"admin\"}");
	}

	private RequestSpecification curlJson(String body) {
		return given().port(this.port).contentType(ContentType.URLENC).body(body);
	}

	private RequestSpecification control() {
		return ControlRequest.to(this.port, TOKEN);
	}

	private static void expectError(Response response, int status) {
		response.then()
			.statusCode(status)
			.contentType(ContentType.JSON)
			.body("error.code", equalTo(status))
			.body("error.message", not(nullValue()));
	}

}
