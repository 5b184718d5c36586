package dev.csemu.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.csemu.ContainerStationEmulatorApplication;
import dev.csemu.clock.EmulatorClock;
import dev.csemu.support.SignIn;
import dev.csemu.system.HostName;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The certificate routes over HTTP, replaying the vendor's curl examples (JSON sent with
 * curl's form content type, the {@code CS_SESS_ID} cookie), and the Docker endpoint
 * proving that what {@code /tls/export} gives works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emulator.users.admin.password=admin", "emulator.users.admin.admin=true",
				"emulator.users.alice.password=alice" })
class TlsApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int DOCKER_PORT = freePort();

	@DynamicPropertySource
	static void dockerEndpoint(DynamicPropertyRegistry registry) {
		registry.add("emulator.docker.tls-port", () -> DOCKER_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	TlsCertificates certificates;

	@Autowired
	EmulatorClock clock;

	@Autowired
	HostName hostName;

	private String admin;

	@BeforeEach
	void signIn() {
		this.admin = SignIn.asAdmin(this.port);
	}

	@Test
	void getTlsAnswersTheVendorShapeWithTheClientCertificateDates() {
		JsonNode body = json(as(this.admin).get(SignIn.API + "/tls").then().statusCode(200).extract().response());

		JsonNode contract = contract("tls-response.json");
		assertThat(fieldNames(body)).isEqualTo(fieldNames(contract));
		assertThat(body.get("outdatedNotify").isBoolean()).isTrue();
		LocalDate start = LocalDate.parse(body.get("startdate").stringValue());
		LocalDate end = LocalDate.parse(body.get("enddate").stringValue());
		assertThat(ChronoUnit.DAYS.between(start, end)).isEqualTo(1080);
		assertThat(start).isEqualTo(LocalDate.ofInstant(
				this.certificates.current().client().certificate().getNotBefore().toInstant(), this.clock.getZone()));
	}

	@Test
	void outdatedNotifyFollowsTheClockAndIsDismissedAsTheVendorExample() {
		post("/tls", "{\"outdatedNotify\": true}");
		try {
			assertThat(outdatedNotify()).isFalse();
			this.clock.advance(Duration.ofDays(1060));
			// 1060 days idle ended the session too.
			this.admin = SignIn.asAdmin(this.port);
			assertThat(outdatedNotify()).isTrue();

			JsonNode result = json(as(this.admin).body(contractText("tls-request.json"))
				.post(SignIn.API + "/tls")
				.then()
				.statusCode(200)
				.extract()
				.response());

			assertThat(result).isEqualTo(contract("result-response.json"));
			assertThat(outdatedNotify()).isFalse();
			post("/tls", "{\"outdatedNotify\": true}");
			assertThat(outdatedNotify()).isTrue();
		}
		finally {
			this.clock.useSystemTime();
		}
	}

	@Test
	void domainNamesRoundTripAsTheVendorExamples() {
		put("/tls/domain_names", "{\"domain_names\": \"\"}");
		JsonNode initial = json(
				as(this.admin).get(SignIn.API + "/tls/domain_names").then().statusCode(200).extract().response());
		assertThat(initial).isEqualTo(contract("tls-domain-names-response.json"));

		JsonNode result = json(as(this.admin).body(contractText("tls-domain-names-request.json"))
			.put(SignIn.API + "/tls/domain_names")
			.then()
			.statusCode(200)
			.extract()
			.response());

		assertThat(result).isEqualTo(contract("result-response.json"));
		assertThat(domainNames()).isEqualTo("user.myqnapcloud.com");
		put("/tls/domain_names", "{\"domain_names\": \" a.example.com , 10.0.0.5,::1 \"}");
		assertThat(domainNames()).isEqualTo("a.example.com,10.0.0.5,::1");
	}

	@Test
	void theExportIsCertZipWithCaCertAndKeyThatTheDockerEndpointAccepts() throws IOException {
		Response response = as(this.admin).get(SignIn.API + "/tls/export").then().statusCode(200).extract().response();

		assertThat(response.contentType()).isEqualTo("application/zip");
		assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"cert.zip\"");
		byte[] zip = response.asByteArray();
		assertThat(Bundle.entries(zip)).extracting(Bundle.Entry::name).containsExactly("ca.pem", "cert.pem", "key.pem");
		Bundle bundle = Bundle.of(zip);
		assertThat(bundle.isConsistent()).isTrue();

		DockerClient.Response ping = docker(bundle).get("/_ping");
		assertThat(ping.status()).isEqualTo(200);
		assertThat(ping.body()).isEqualTo("OK");
		assertThat(docker(bundle).get("/v1.41/version").status()).isEqualTo(200);
	}

	@Test
	void theDockerEndpointRefusesAClientWithoutCertificate() {
		Bundle bundle = export();

		assertThatExceptionOfType(IOException.class).isThrownBy(
				() -> new DockerClient(DOCKER_PORT, Bundle.withoutClientCertificate(bundle.ca())).get("/_ping"));
	}

	@Test
	void rotationRetiresTheExportedBundleAndANewExportWorks() throws IOException {
		Bundle old = export();
		assertThat(docker(old).get("/_ping").status()).isEqualTo(200);

		JsonNode result = json(
				as(this.admin).post(SignIn.API + "/tls/rotation").then().statusCode(200).extract().response());

		assertThat(result).isEqualTo(contract("result-response.json"));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> docker(old).get("/_ping"));
		Bundle renewed = export();
		assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(old.certificate().getSerialNumber());
		assertThat(renewed.ca()).isEqualTo(old.ca());
		assertThat(docker(renewed).get("/_ping").status()).isEqualTo(200);
	}

	@Test
	void aNewDomainNameIsServedByTheDockerEndpointWithoutRestart() throws Exception {
		put("/tls/domain_names", "{\"domain_names\": \"docker.example.test,10.9.8.7\"}");

		DockerClient.Response response = docker(export()).get("/_ping");

		assertThat(TlsCertificatesTests.sans(response.served())).contains("DNS:docker.example.test", "IP:10.9.8.7",
				"DNS:localhost", "IP:127.0.0.1");
		if (DomainNames.isHostName(this.hostName.value().toLowerCase(Locale.ROOT))) {
			assertThat(TlsCertificatesTests.sans(response.served()))
				.as("the host name from the one source /system uses too")
				.contains("DNS:" + this.hostName.value().toLowerCase(Locale.ROOT));
		}
	}

	@Test
	void nonAdministratorsMayReadButNotChangeOrExport() {
		put("/tls/domain_names", "{\"domain_names\": \"kept.example.com\"}");
		String alice = SignIn.as(this.port, "alice", "alice");
		TlsGeneration before = this.certificates.current();

		as(alice).get(SignIn.API + "/tls").then().statusCode(200);
		as(alice).get(SignIn.API + "/tls/domain_names").then().statusCode(200);
		forbidden(as(alice).body("{\"outdatedNotify\": false}").post(SignIn.API + "/tls"));
		forbidden(as(alice).body("{\"domain_names\": \"evil.example.com\"}").put(SignIn.API + "/tls/domain_names"));
		forbidden(as(alice).get(SignIn.API + "/tls/export"));
		forbidden(as(alice).post(SignIn.API + "/tls/rotation"));

		assertThat(this.certificates.current()).isSameAs(before);
		assertThat(domainNames()).isEqualTo("kept.example.com");
	}

	@Test
	void withoutASessionEveryRouteAnswers401() {
		for (String route : List.of("/tls", "/tls/domain_names", "/tls/export")) {
			given().port(this.port).get(SignIn.API + route).then().statusCode(401);
		}
	}

	@Test
	void theOlderBasePathsServeTheSameRoutes() {
		for (String base : List.of("/api/v1", "/containerstation/api/v1")) {
			as(this.admin).get(base + "/tls").then().statusCode(200);
			as(this.admin).get(base + "/tls/domain_names").then().statusCode(200);
			as(this.admin).get(base + "/tls/export").then().statusCode(200).contentType("application/zip");
		}
	}

	static Stream<Arguments> badOutdatedNotifyBodies() {
		return Stream.of(Arguments.of("", "request body is required"), Arguments.of("{}", "outdatedNotify"),
				Arguments.of("{\"outdatedNotify\": null}", "outdatedNotify"),
				Arguments.of("{\"outdatedNotify\": \"false\"}", "outdatedNotify"),
				Arguments.of("{\"outdatedNotify\": 0}", "outdatedNotify"),
				Arguments.of("{\"outdatedNotify\": []}", "outdatedNotify"), Arguments.of("[]", "request body"),
				Arguments.of("{\"outdatedNotify\": false", "request body"),
				// Form-typed and not JSON: read as a real form, {"not json": ""}.
				Arguments.of("not json", "outdatedNotify is required"));
	}

	@ParameterizedTest
	@MethodSource("badOutdatedNotifyBodies")
	void aBadOutdatedNotifyBodyIs400AndChangesNothing(String body, String message) {
		put("/tls/domain_names", "{\"domain_names\": \"kept.example.com\"}");
		TlsGeneration before = this.certificates.current();

		badRequest(as(this.admin).body(body).post(SignIn.API + "/tls"), message);

		assertThat(this.certificates.current()).isSameAs(before);
	}

	static Stream<Arguments> badDomainNamesBodies() {
		return Stream.of(Arguments.of("", "request body is required"), Arguments.of("{}", "domain_names is required"),
				Arguments.of("{\"domain_names\": null}", "domain_names is required"),
				Arguments.of("{\"domain_names\": 5}", "domain_names must be a string"),
				Arguments.of("{\"domain_names\": true}", "domain_names must be a string"),
				Arguments.of("{\"domain_names\": [\"a.example.com\"]}", "domain_names must be a string"),
				Arguments.of("{\"domain_names\": \"bad_name.example.com\"}", "\"bad_name.example.com\""),
				Arguments.of("{\"domain_names\": \"ok.example.com,-leading.example.com\"}", "\"-leading.example.com\""),
				Arguments.of("{\"domain_names\": \"ok.example.com,,other.example.com\"}", "entry \"\""),
				Arguments.of("{\"domain_names\": \"10.0.0.256\"}", "\"10.0.0.256\""),
				Arguments.of(
						"{\"domain_names\": \"" + String.join(",", Collections.nCopies(33, "n.example.com")) + "\"}",
						"at most 32"),
				Arguments.of("{\"domain_names\": \"x\"", "request body"));
	}

	@ParameterizedTest
	@MethodSource("badDomainNamesBodies")
	void aBadDomainNamesBodyIs400AndNothingStoredIsLost(String body, String message) {
		put("/tls/domain_names", "{\"domain_names\": \"kept.example.com\"}");
		TlsGeneration before = this.certificates.current();

		badRequest(as(this.admin).body(body).put(SignIn.API + "/tls/domain_names"), message);

		assertThat(this.certificates.current()).isSameAs(before);
		assertThat(domainNames()).isEqualTo("kept.example.com");
	}

	/**
	 * Two emulators in turn on one folder, as a user restarts it: the second serves what
	 * the first left, byte for byte.
	 */
	@Test
	void everythingSurvivesAnApplicationRestartOnTheSameFolder(@TempDir Path dir) {
		byte[] bundleBefore;
		TlsMetadata metadataBefore;
		try (ConfigurableApplicationContext first = start(dir)) {
			int port = port(first);
			String session = SignIn.asAdmin(port);
			as(port, session).body("{\"domain_names\": \"persisted.example.com\"}")
				.put(SignIn.API + "/tls/domain_names")
				.then()
				.statusCode(200);
			as(port, session).post(SignIn.API + "/tls/rotation").then().statusCode(200);
			as(port, session).body("{\"outdatedNotify\": false}").post(SignIn.API + "/tls").then().statusCode(200);
			bundleBefore = as(port, session).get(SignIn.API + "/tls/export").asByteArray();
			metadataBefore = first.getBean(TlsCertificates.class).metadata();
		}
		try (ConfigurableApplicationContext second = start(dir)) {
			int port = port(second);
			String session = SignIn.asAdmin(port);
			assertThat(as(port, session).get(SignIn.API + "/tls/domain_names").jsonPath().getString("domain_names"))
				.isEqualTo("persisted.example.com");
			assertThat(as(port, session).get(SignIn.API + "/tls/export").asByteArray()).isEqualTo(bundleBefore);
			TlsCertificates certificates = second.getBean(TlsCertificates.class);
			assertThat(certificates.metadata()).isEqualTo(metadataBefore);
			assertThat(certificates.current().outdatedNotify()).isFalse();
		}
	}

	private static ConfigurableApplicationContext start(Path dir) {
		return new SpringApplicationBuilder(ContainerStationEmulatorApplication.class).run("--server.port=0",
				"--emulator.tls.dir=" + dir, "--emulator.docker.tls-port=0");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private void post(String route, String body) {
		as(this.admin).body(body).post(SignIn.API + route).then().statusCode(200);
	}

	private void put(String route, String body) {
		as(this.admin).body(body).put(SignIn.API + route).then().statusCode(200);
	}

	private boolean outdatedNotify() {
		return as(this.admin).get(SignIn.API + "/tls")
			.then()
			.statusCode(200)
			.extract()
			.jsonPath()
			.getBoolean("outdatedNotify");
	}

	private String domainNames() {
		return as(this.admin).get(SignIn.API + "/tls/domain_names").jsonPath().getString("domain_names");
	}

	private Bundle export() {
		return Bundle.of(as(this.admin).get(SignIn.API + "/tls/export").then().statusCode(200).extract().asByteArray());
	}

	private static DockerClient docker(Bundle bundle) {
		return new DockerClient(DOCKER_PORT, bundle.clientContext());
	}

	/** A request as curl sends the vendor's examples: the session cookie, a form type. */
	private RequestSpecification as(String session) {
		return as(this.port, session);
	}

	private static RequestSpecification as(int port, String session) {
		return given().port(port).cookie(SignIn.COOKIE, session).contentType(ContentType.URLENC);
	}

	private static void forbidden(Response response) {
		response.then().statusCode(403);
		assertThat(json(response).get("error").get("code").intValue()).isEqualTo(403);
	}

	private static void badRequest(Response response, String message) {
		response.then().statusCode(400);
		JsonNode error = json(response).get("error");
		assertThat(error.get("code").intValue()).isEqualTo(400);
		assertThat(error.get("message").stringValue()).contains(message);
	}

	private static JsonNode json(Response response) {
		return JSON.readTree(response.asString());
	}

	private static Set<String> fieldNames(JsonNode node) {
		Set<String> names = new TreeSet<>();
		Iterator<String> iterator = node.propertyNames().iterator();
		iterator.forEachRemaining(names::add);
		return names;
	}

	private static JsonNode contract(String name) {
		return JSON.readTree(contractText(name));
	}

	private static String contractText(String name) {
		try {
			return Files.readString(Path.of("src/test/resources/contract", name), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try {
			return DockerTlsEndpointTests.freePort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
