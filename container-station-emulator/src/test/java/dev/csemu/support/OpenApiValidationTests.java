package dev.csemu.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.csemu.support.OpenApiContract.Observed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of {@link OpenApiContract} on synthetic responses: what conforms passes,
 * what does not fails, for every kind of mismatch the filter must catch.
 */
class OpenApiValidationTests {

	private static final String API = "/container-station/api/v1";

	private static final String LOGIN_BODY = "{\"anonymous\": false, \"isAdmin\": true, "
			+ "\"logintime\": \"2021-08-11 16:54:45\", \"username\": \"admin\"}";

	private static final String COOKIE = "CS_SESS_ID=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; Path=/; HttpOnly; SameSite=Lax";

	private final OpenApiContract contract = OpenApiContract.get();

	@Test
	void aConformingLoginPasses() {
		assertThat(this.contract.check(login(LOGIN_BODY, COOKIE))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { API, "/containerstation/api/v1", "/api/v1" })
	void everyBasePathIsTheSameApi(String base) {
		assertThat(this.contract.check(Observed.json("GET", base + "/login_refresh", 200, LOGIN_BODY))).isEmpty();
		assertThat(this.contract.check(Observed.json("GET", base + "/login_refresh", 200, "{\"username\": 1}")))
			.isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"anonymous\": false, \"isAdmin\": \"true\", \"logintime\": \"2021-08-11 16:54:45\", "
					+ "\"username\": \"admin\"}",
			"{\"anonymous\": false, \"isAdmin\": true, \"logintime\": \"2021-08-11T16:54:45\", \"username\": \"admin\"}",
			"{\"anonymous\": false, \"isAdmin\": true, \"username\": \"admin\"}",
			"{\"anonymous\": false, \"isAdmin\": true, \"logintime\": \"2021-08-11 16:54:45\", \"username\": \"admin\", "
					+ "\"extra\": 1}",
			"[]", "not json" })
	void aWrongLoginBodyFails(String body) {
		assertThat(this.contract.check(login(body, COOKIE))).isNotEmpty();
	}

	@Test
	void aLoginWithoutItsCookieFails() {
		assertThat(this.contract.check(login(LOGIN_BODY, null))).singleElement().asString().contains("Set-Cookie");
		assertThat(this.contract.check(login(LOGIN_BODY, "JSESSIONID=abc; Path=/"))).isNotEmpty();
	}

	@Test
	void anUndocumentedStatusFails() {
		assertThat(this.contract.check(Observed.json("POST", API + "/login", 500,
				"{\"error\": {\"code\": 500, \"message\": \"internal error\"}}")))
			.singleElement()
			.asString()
			.contains("status 500 is not documented");
	}

	@Test
	void anUndocumentedContentTypeFails() {
		Observed html = new Observed("POST", API + "/login", 401, "text/html", Map.of(),
				"<html>401</html>".getBytes(StandardCharsets.UTF_8));
		assertThat(this.contract.check(html)).singleElement().asString().contains("text/html");
	}

	@Test
	void errorsAreTheEnvelopeWithTheStatusAsCode() {
		assertThat(this.contract.check(Observed.json("POST", API + "/login", 401,
				"{\"error\": {\"code\": 401, \"message\": \"invalid username or password\"}}")))
			.isEmpty();
		assertThat(this.contract.check(Observed.json("POST", API + "/login", 401,
				"{\"error\": {\"code\": 403, \"message\": \"invalid username or password\"}}")))
			.singleElement()
			.asString()
			.contains("not the HTTP status");
		assertThat(this.contract.check(Observed.json("POST", API + "/login", 401, "{\"message\": \"no\"}")))
			.isNotEmpty();
		assertThat(this.contract
			.check(Observed.json("POST", API + "/login", 401, "{\"error\": {\"code\": \"401\", \"message\": \"no\"}}")))
			.isNotEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "404, GET, /container-station/api/v1/nope", "401, GET, /api/v1/nope/deeper",
			"405, DELETE, /container-station/api/v1/login", "405, GET, /containerstation/api/v1/logout" })
	void unknownRoutesAndWrongMethodsAnswerTheEnvelope(int status, String method, String path) {
		String envelope = "{\"error\": {\"code\": " + status + ", \"message\": \"no\"}}";
		assertThat(this.contract.check(Observed.json(method, path, status, envelope))).isEmpty();
		assertThat(this.contract.check(Observed.json(method, path, status, "{\"status\": " + status + "}")))
			.isNotEmpty();
		assertThat(this.contract.check(Observed.json(method, path, 200, LOGIN_BODY))).isNotEmpty();
	}

	@Test
	void pathsOutsideTheDocumentAreNotChecked() {
		assertThat(this.contract.check(Observed.json("GET", "/_emulator/health", 200, "{\"status\": \"UP\"}")))
			.isEmpty();
		assertThat(this.contract.check(Observed.json("GET", "/_ping", 200, "OK"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "icmp/22", "TCP/22", "tcp/0", "tcp/65536", "tcp/-1", "tcp/abc", "tcp/80.5" })
	void aPortCheckTheDocumentRulesOutMustBeRefused(String protocolAndPort) {
		String path = API + "/system/port/" + protocolAndPort;
		assertThat(this.contract.check(Observed.json("GET", path, 200, "{\"used\": false}"))).isNotEmpty();
		assertThat(this.contract
			.check(Observed.json("GET", path, 400, "{\"error\": {\"code\": 400, \"message\": \"bad port\"}}")))
			.isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp/5000", "udp/1", "tcp/65535" })
	void aValidPortCheckAnswersUsed(String protocolAndPort) {
		String path = API + "/system/port/" + protocolAndPort;
		assertThat(this.contract.check(Observed.json("GET", path, 200, "{\"used\": true}"))).isEmpty();
		assertThat(this.contract.check(Observed.json("GET", path, 200, "{\"used\": \"true\"}"))).isNotEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/login|login-response.json", "/login_refresh|login-refresh-response.json",
			"/system|system-response.json", "/system/resource|system-resource-response.json",
			"/system/bridge|system-bridge-response.json", "/system/port/tcp/5000|system-port-tcp-5000-response.json",
			"/system/port/udp/33806|system-port-udp-33806-response.json", "/tls|tls-response.json",
			"/tls/domain_names|tls-domain-names-response.json" })
	void theVendorsBodiesConform(String route, String file) throws IOException {
		String body = contract(file);
		String method = route.equals("/login") ? "POST" : "GET";
		Map<String, List<String>> headers = route.equals("/login") ? Map.of("Set-Cookie", List.of(COOKIE)) : Map.of();
		Observed response = new Observed(method, API + route, 200, "application/json;charset=UTF-8", headers,
				body.getBytes(StandardCharsets.UTF_8));
		assertThat(this.contract.check(response)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"cpu_usage\": 7.5, \"memory_usage\": {\"buffers\": 1, \"cached\": 1, \"percent\": 1, "
					+ "\"percent_buffers\": 1, \"percent_cached\": 1, \"total\": 100, \"used\": 1}}",
			"{\"cpu_usage\": \"7.55\", \"memory_usage\": {\"buffers\": 1, \"cached\": 1, \"percent\": 1, "
					+ "\"percent_buffers\": 1, \"percent_cached\": 1, \"total\": 100, \"used\": 1}}",
			"{\"cpu_usage\": \"7.5\", \"memory_usage\": {\"buffers\": 1.5, \"cached\": 1, \"percent\": 1, "
					+ "\"percent_buffers\": 1, \"percent_cached\": 1, \"total\": 100, \"used\": 1}}" })
	void resourceTypesAreStrict(String body) {
		assertThat(this.contract.check(Observed.json("GET", API + "/system/resource", 200, body))).isNotEmpty();
	}

	@Test
	void aBridgeIsAStringOrNull() {
		String adapter = "{\"data\": [{\"bridge\": %s, \"display\": \"Adapter 1\", \"gateway\": \"\", "
				+ "\"ip\": \"10.0.0.2\", \"name\": \"eth0\", \"netmask\": \"255.255.255.0\"}], \"default\": 0}";
		String path = API + "/system/bridge";
		assertThat(this.contract.check(Observed.json("GET", path, 200, adapter.formatted("null")))).isEmpty();
		assertThat(this.contract.check(Observed.json("GET", path, 200, adapter.formatted("\"br0\"")))).isEmpty();
		assertThat(this.contract.check(Observed.json("GET", path, 200, adapter.formatted("5")))).isNotEmpty();
		assertThat(this.contract
			.check(Observed.json("GET", path, 200, adapter.formatted("null").replace("10.0.0.2", "10.0.0"))))
			.isNotEmpty();
	}

	@Test
	void downloadsAreCheckedByTypeAndDisposition() {
		Map<String, List<String>> zipHeaders = Map.of("Content-Disposition",
				List.of("attachment; filename=\"cert.zip\""));
		byte[] bytes = { 'P', 'K', 3, 4 };
		assertThat(this.contract
			.check(new Observed("GET", API + "/tls/export", 200, "application/zip", zipHeaders, bytes))).isEmpty();
		assertThat(this.contract
			.check(new Observed("GET", API + "/tls/export", 200, "application/octet-stream", zipHeaders, bytes)))
			.isNotEmpty();
		assertThat(this.contract.check(new Observed("GET", API + "/tls/export", 200, "application/zip",
				Map.of("Content-Disposition", List.of("attachment; filename=\"certs.zip\"")), bytes)))
			.isNotEmpty();
		Map<String, List<String>> reportHeaders = Map.of("Content-Disposition",
				List.of("attachment; filename=\"container-station-report-nas-20210811-165445.tbz\""));
		assertThat(this.contract
			.check(new Observed("GET", API + "/system/report", 200, "application/x-bzip2", reportHeaders, bytes)))
			.isEmpty();
	}

	@Test
	void qtsSignInAnswersXml() {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<QDocRoot version=\"1.0\">\n"
				+ "<authPassed><![CDATA[0]]></authPassed>\n<errorValue><![CDATA[-1]]></errorValue>\n</QDocRoot>\n";
		Observed answer = new Observed("GET", "/cgi-bin/authLogin.cgi", 200, "text/xml;charset=UTF-8", Map.of(),
				xml.getBytes(StandardCharsets.UTF_8));
		assertThat(this.contract.check(answer)).isEmpty();
		Observed json = Observed.json("GET", "/cgi-bin/authLogin.cgi", 200, "{\"authPassed\": 0}");
		assertThat(this.contract.check(json)).isNotEmpty();
		Observed notQts = new Observed("POST", "/cgi-bin/authLogin.cgi", 200, "text/xml", Map.of(),
				"<html/>".getBytes(StandardCharsets.UTF_8));
		assertThat(this.contract.check(notQts)).isNotEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "http://localhost:8080/api/v1/login?x=1, /api/v1/login",
			"http://[::1]:8080/cgi-bin/a.cgi#f, /cgi-bin/a.cgi", "http://localhost:8080, /",
			"/api/v1/system/port/tcp/80 5?q, /api/v1/system/port/tcp/80 5" })
	void theFilterReadsTheRawPath(String uri, String path) {
		assertThat(OpenApiValidation.rawPath(uri)).isEqualTo(path);
	}

	private static Observed login(String body, String cookie) {
		Map<String, List<String>> headers = (cookie != null) ? Map.of("Set-Cookie", List.of(cookie)) : Map.of();
		return new Observed("POST", API + "/login", 200, "application/json", headers,
				body.getBytes(StandardCharsets.UTF_8));
	}

	static String contract(String file) throws IOException {
		try (InputStream in = OpenApiValidationTests.class.getResourceAsStream("/contract/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
