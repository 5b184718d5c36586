package dev.csemu.robustness;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.csemu.support.ControlRequest;
import dev.csemu.support.SignIn;
import dev.csemu.web.ContainerStationApi;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.csemu.robustness.AnswerAssert.assertThatAnswer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every decision about a request is taken on the path the router sees: no spelling of a
 * path reaches a route its rules do not cover, or dodges a fault; HEAD is GET to the
 * rules; browsers must name the emulator.
 */
@RobustnessTest
class RequestDecisionTests {

	private static final List<String> CONTROL_PATHS = List.of("/_emulator/info", "/_emulator/reset", "/_emulator/clock",
			"/_emulator/faults", "/_emulator/requests", "/_emulator/snapshots/x", "/_emulator/metrics");

	private final int port;

	private final RawHttp raw;

	RequestDecisionTests(@LocalServerPort int port) {
		this.port = port;
		this.raw = new RawHttp(port);
	}

	@AfterEach
	void reset() {
		control().body("{}").post("/_emulator/reset").then().statusCode(200);
	}

	@Test
	void anEncodedLetterNeverOpensTheControlApi() {
		for (String path : CONTROL_PATHS) {
			for (int i = 1; i < path.length(); i++) {
				if (path.charAt(i) == '/') {
					continue;
				}
				String hex = String.format("%02X", (int) path.charAt(i));
				for (String escape : List.of("%" + hex, "%" + hex.toLowerCase(java.util.Locale.ROOT))) {
					String variant = path.substring(0, i) + escape + path.substring(i + 1);
					for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
						RawResponse response = this.raw.send(RawRequest.of(method, variant).toBytes());
						assertThatAnswer(response).as(method + " " + variant)
							.hasStatusIn(java.util.Set.of(400))
							.isClientErrorEnvelope();
					}
				}
			}
		}
	}

	@Test
	void aFaultOnLoginCannotBeDodgedByAnotherSpellingOfItsPath() {
		control().body("{\"method\": \"POST\", \"path\": \"/login\", \"status\": 503}")
			.post("/_emulator/faults")
			.then()
			.statusCode(201);
		for (String base : ContainerStationApi.BASES) {
			for (String path : List.of(base + "/login", base + "/%6cogin", base + "/l%6Fgin", base + "//login",
					base + "/./login", base + "/login;x=1", base.replace("/v1", "/%76%31") + "/login")) {
				RawResponse response = this.raw.send(RawRequest.of("POST", path)
					.curlJson("{\"username\": \"admin\", \"password\": \"admin\"}".getBytes(StandardCharsets.UTF_8))
					.toBytes());
				assertThat(response.status()).as(path).isIn(400, 503);
				assertThat(response.header("Set-Cookie")).as(path).isNull();
			}
		}
	}

	@Test
	void headOnAnAdministratorRouteIsRefusedToOtherUsersUnderEveryBase() {
		String alice = SignIn.as(this.port, "alice", "alice");
		for (String base : ContainerStationApi.BASES) {
			for (String route : List.of("/tls/export", "/system/report")) {
				given().port(this.port)
					.cookie(SignIn.COOKIE, alice)
					.head(base + route)
					.then()
					.statusCode(403)
					.header("Content-Disposition", org.hamcrest.Matchers.nullValue());
			}
		}
	}

	@Test
	void browserRequestsMustNameTheEmulatorButScriptsMayUseAnyHost() {
		String login = "{\"username\": \"admin\", \"password\": \"admin\"}";
		// DNS rebinding: evil.example resolves to 127.0.0.1, Host and Origin agree.
		RawResponse rebound = this.raw.send(RawRequest.of("POST", SignIn.API + "/login")
			.withoutHost()
			.header("Host", "evil.example:" + this.port)
			.header("Origin", "http://evil.example:" + this.port)
			.curlJson(login.getBytes(StandardCharsets.UTF_8))
			.toBytes());
		assertThatAnswer(rebound).hasStatusIn(java.util.Set.of(403)).isClientErrorEnvelope();
		RawResponse fetched = this.raw.send(RawRequest.of("GET", SignIn.API + "/system")
			.withoutHost()
			.header("Host", "evil.example")
			.header("Sec-Fetch-Site", "same-origin")
			.toBytes());
		assertThatAnswer(fetched).hasStatusIn(java.util.Set.of(403)).isClientErrorEnvelope();
		RawResponse local = this.raw.send(RawRequest.of("POST", SignIn.API + "/login")
			.withoutHost()
			.header("Host", "localhost:" + this.port)
			.header("Origin", "http://localhost:" + this.port)
			.curlJson(login.getBytes(StandardCharsets.UTF_8))
			.toBytes());
		assertThat(local.status()).isEqualTo(200);
		RawResponse script = this.raw.send(RawRequest.of("POST", SignIn.API + "/login")
			.withoutHost()
			.header("Host", "nas.example.com")
			.curlJson(login.getBytes(StandardCharsets.UTF_8))
			.toBytes());
		assertThat(script.status()).isEqualTo(200);
	}

	@Test
	void customCredentialHeadersAreRedactedInTheJournal() {
		given().port(this.port)
			.header("X-Auth-Token", "secret-one")
			.header("X-Api-Key", "secret-two")
			.header("X-Client-Secret", "secret-three")
			.header("X-Note", "visible")
			.get(SignIn.API + "/system")
			.then()
			.statusCode(401);
		String journal = control().get("/_emulator/requests").then().statusCode(200).extract().asString();
		assertThat(journal).contains("visible").doesNotContain("secret-one", "secret-two", "secret-three");
	}

	@Test
	void aFaultPathWithARegularExpressionIsRefusedAndTheApiKeepsAnswering() {
		control().body("{\"path\": \"/system/{x:(a+)+b}\", \"status\": 503}")
			.post("/_emulator/faults")
			.then()
			.statusCode(400)
			.body("error.code", equalTo(400));
		String admin = SignIn.asAdmin(this.port);
		given().port(this.port).cookie(SignIn.COOKIE, admin).get(SignIn.API + "/system").then().statusCode(200);
	}

	private RequestSpecification control() {
		return ControlRequest.to(this.port, RobustnessTest.CONTROL_TOKEN);
	}

}
