package dev.csemu.robustness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.csemu.support.ControlRequest;
import dev.csemu.support.OpenApiContract;
import dev.csemu.support.SignIn;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.csemu.robustness.AnswerAssert.assertThatAnswer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a client sends breaks the emulator: a seeded corpus of malformed requests to
 * every route (all three base paths, {@code authLogin.cgi} and the control API) each gets
 * a 4xx in the vendor's envelope, never a 5xx or a stack trace; afterwards the server
 * still answers, the sessions it had still work and what it stored is unchanged. Requests
 * a client library would refuse or normalise go over a plain socket, the others through
 * REST Assured (and so through the OpenAPI validation); raw answers are checked against
 * the OpenAPI document too. {@code -Drobustness.seed=N} replays another corpus.
 */
@RobustnessTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTests {

	private static final long SEED = Long.getLong("robustness.seed", 20_261_127L);

	private static final String MARKER = "corpus-" + SEED + ".example.com,192.0.2.7";

	private static final RestAssuredConfig VERBATIM = RestAssuredConfig.config()
		.encoderConfig(EncoderConfig.encoderConfig()
			.defaultContentCharset(StandardCharsets.UTF_8)
			.appendDefaultContentCharsetToContentTypeIfUndefined(false));

	private final int port;

	private final RawHttp raw;

	private String admin;

	private String user;

	BadInputCorpusTests(@LocalServerPort int port) {
		this.port = port;
		this.raw = new RawHttp(port);
	}

	@BeforeAll
	void signIn() {
		control().body("{}").post("/_emulator/reset").then().statusCode(200);
		this.admin = SignIn.asAdmin(this.port);
		this.user = SignIn.as(this.port, "alice", "alice");
	}

	@Test
	@Order(1)
	void generatedValidDomainNamesAndPortPathsAreAccepted() {
		Random random = new Random(SEED);
		for (int i = 0; i < 5; i++) {
			List<String> entries = InputGenerators.validDomainNames(random);
			String sent = String.join(random.nextBoolean() ? "," : " , ", entries);
			asAdmin().body("{\"domain_names\": \"" + sent + "\"}")
				.put(SignIn.API + "/tls/domain_names")
				.then()
				.statusCode(200);
			assertThat(asAdmin().get(SignIn.API + "/tls/domain_names")
				.then()
				.statusCode(200)
				.extract()
				.<String>path("domain_names")).as(sent).isEqualTo(String.join(",", entries));
		}
		for (int i = 0; i < 30; i++) {
			String path = InputGenerators.validPortPath(random);
			assertThat(asAdmin().get(SignIn.API + "/system/port/" + path)
				.then()
				.statusCode(200)
				.extract()
				.<Boolean>path("used")).as(path).isNotNull();
		}
	}

	@TestFactory
	@Order(2)
	Stream<DynamicNode> everyMalformedRequestGetsA4xxEnvelope() {
		asAdmin().body("{\"domain_names\": \"" + MARKER + "\"}")
			.put(SignIn.API + "/tls/domain_names")
			.then()
			.statusCode(200);
		List<BadRequest> cases = BadInputCorpus.generate(SEED, this.admin, this.user, RobustnessTest.CONTROL_TOKEN);
		assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
		Map<String, List<BadRequest>> byCategory = new LinkedHashMap<>();
		cases.forEach((bad) -> byCategory.computeIfAbsent(bad.category(), (key) -> new ArrayList<>()).add(bad));
		return byCategory.entrySet()
			.stream()
			.map((category) -> DynamicContainer.dynamicContainer(
					category.getKey() + " (" + category.getValue().size() + ")",
					category.getValue()
						.stream()
						.map((bad) -> DynamicTest.dynamicTest(bad.toString(), () -> check(bad)))));
	}

	@Test
	@Order(3)
	void afterTheCorpusTheServerAnswersAndKeptItsData() {
		asAdmin().get(SignIn.API + "/login_refresh").then().statusCode(200);
		asAdmin().get(SignIn.API + "/system").then().statusCode(200);
		assertThat(asAdmin().get(SignIn.API + "/tls/domain_names")
			.then()
			.statusCode(200)
			.extract()
			.<String>path("domain_names")).isEqualTo(MARKER);
		assertThat(ClientBundle
			.of(asAdmin().get(SignIn.API + "/tls/export").then().statusCode(200).extract().asByteArray())
			.problems()).isEmpty();
		given().port(this.port).cookie(SignIn.COOKIE, this.user).get(SignIn.API + "/tls").then().statusCode(200);
		assertThat(control().get("/_emulator/faults").then().statusCode(200).extract().<List<?>>path("$")).isEmpty();
		List<Map<String, Object>> journal = control().get("/_emulator/requests")
			.then()
			.statusCode(200)
			.extract()
			.path("$");
		assertThat(journal).isNotEmpty()
			.filteredOn((entry) -> ((Integer) entry.get("status")) >= 500)
			.as("answers of 500 or more in the request journal")
			.isEmpty();
		String fresh = SignIn.asAdmin(this.port);
		given().port(this.port)
			.cookie(SignIn.COOKIE, fresh)
			.get(SignIn.API + "/system/resource")
			.then()
			.statusCode(200);
	}

	private void check(BadRequest bad) {
		RawResponse answer = bad.raw() ? this.raw.send(bad.request().toBytes()) : send(bad.request());
		if (bad.raw() && !bad.request().isVerbatim()) {
			List<String> problems = OpenApiContract.get()
				.check(new OpenApiContract.Observed(bad.request().method(), path(bad.request().target()),
						answer.status(), answer.contentType(), answer.headers(), answer.body()));
			assertThat(problems).as("OpenAPI conformance of %s", answer).isEmpty();
		}
		assertThatAnswer(answer).isClientErrorEnvelope().hasStatusIn(bad.expected());
	}

	private RawResponse send(RawRequest request) {
		RequestSpecification spec = given().port(this.port).config(VERBATIM).urlEncodingEnabled(false);
		request.headers().forEach((header) -> spec.header(header.name(), header.value()));
		if (request.contentType() != null) {
			spec.contentType(request.contentType());
		}
		if (request.body() != null) {
			// Text: REST Assured encodes a form-typed body only from a string.
			spec.body(new String(request.body(), StandardCharsets.UTF_8));
		}
		Response response = spec.request(request.method(), request.target());
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (Header header : response.getHeaders()) {
			headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
				.add(header.getValue());
		}
		return new RawResponse(response.getStatusCode(), headers, response.asByteArray());
	}

	private static String path(String target) {
		int end = target.length();
		for (char delimiter : new char[] { '?', '#' }) {
			int at = target.indexOf(delimiter);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		return target.substring(0, end);
	}

	private RequestSpecification asAdmin() {
		return given().port(this.port)
			.cookie(SignIn.COOKIE, this.admin)
			.contentType("application/x-www-form-urlencoded");
	}

	private RequestSpecification control() {
		return ControlRequest.to(this.port, RobustnessTest.CONTROL_TOKEN);
	}

}
