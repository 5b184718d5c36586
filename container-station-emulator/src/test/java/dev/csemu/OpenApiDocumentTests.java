package dev.csemu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.csemu.support.OpenApiContract;
import dev.csemu.support.OpenApiContract.Route;
import dev.csemu.support.OpenApiValidation;
import dev.csemu.support.SignIn;
import dev.csemu.system.LiveEmulatorTest;
import dev.csemu.web.ContainerStationApi;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The OpenAPI 3.1 document of the emulated API: valid, in step with the routes the
 * application registers, and enforced on real answers by the suite-wide validation
 * filter.
 */
@LiveEmulatorTest
class OpenApiDocumentTests {

	/** The 2-step account. */
	private static final String OTP_USER = "bob";

	private static final String API = ContainerStationApi.CURRENT;

	/**
	 * Features whose routes are documented but built on other branches (host facts, TLS).
	 * Their documented routes may be missing from the application only while the feature
	 * has no route at all; once one of its routes is registered, all must be. Empty this
	 * set once both have landed.
	 */
	private static final Set<String> FEATURES_NOT_YET_BUILT = Set.of();

	/** JSON Schema 2020-12 keywords, and those the OpenAPI 3.1 dialect adds. */
	private static final Set<String> SCHEMA_KEYWORDS = Set.of("$schema", "$id", "$ref", "$anchor", "$dynamicRef",
			"$dynamicAnchor", "$defs", "$comment", "$vocabulary", "allOf", "anyOf", "oneOf", "not", "if", "then",
			"else", "dependentSchemas", "prefixItems", "items", "contains", "properties", "patternProperties",
			"additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "type", "enum",
			"const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
			"minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
			"maxProperties", "minProperties", "required", "dependentRequired", "format", "contentEncoding",
			"contentMediaType", "contentSchema", "title", "description", "default", "deprecated", "readOnly",
			"writeOnly", "examples", "discriminator", "xml", "externalDocs", "example");

	private static final Set<String> SUBSCHEMA = Set.of("not", "if", "then", "else", "items", "contains",
			"additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema");

	private static final Set<String> SUBSCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

	private static final Set<String> SUBSCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs",
			"dependentSchemas");

	private final OpenApiContract contract = OpenApiContract.get();

	private final JsonNode document = this.contract.document();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void theDocumentIsValidOpenApi31() throws IOException {
		assertThat(this.document.path("openapi").asString()).startsWith("3.1.");
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
		try (InputStream oas = getClass().getResourceAsStream("/openapi/oas-3.1-schema-2025-11-23.json")) {
			Schema officialSchema = registry.getSchema(oas);
			assertThat(officialSchema.validate(this.document)).isEmpty();
		}
	}

	@Test
	void everySchemaObjectIsJsonSchema202012WithKnownKeywords() {
		Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
		List<String> schemaPointers = schemaObjects();
		assertThat(schemaPointers).hasSizeGreaterThan(30);
		List<String> problems = new ArrayList<>();
		for (String pointer : schemaPointers) {
			metaSchema.validate(this.document.at(pointer)).forEach((error) -> problems.add(pointer + ": " + error));
			unknownKeywords(pointer, problems);
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyReferenceResolvesAndEveryPathParameterIsDeclared() {
		List<String> problems = new ArrayList<>();
		walk("", this.document, (pointer, node) -> {
			JsonNode ref = node.path("$ref");
			if (ref.isString() && this.document.at(ref.asString().substring(1)).isMissingNode()) {
				problems.add(pointer + ": $ref " + ref.asString() + " does not resolve");
			}
		});
		Pattern parameter = Pattern.compile("\\{([^}]+)}");
		for (String path : this.document.path("paths").propertyNames()) {
			String item = "/paths/" + OpenApiContract.escape(path);
			Set<String> inTemplate = new TreeSet<>();
			Matcher matcher = parameter.matcher(path);
			while (matcher.find()) {
				inTemplate.add(matcher.group(1));
			}
			for (String method : this.document.at(item).propertyNames()) {
				if (!Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)) {
					continue;
				}
				Set<String> declared = new TreeSet<>();
				for (String owner : List.of(item, item + "/" + method)) {
					JsonNode parameters = this.document.at(owner + "/parameters");
					for (int i = 0; i < parameters.size(); i++) {
						JsonNode declaration = this.document.at(this.contract.resolve(owner + "/parameters/" + i));
						if (declaration.path("in").asString("").equals("path")) {
							declared.add(declaration.path("name").asString());
						}
					}
				}
				if (!declared.equals(inTemplate)) {
					problems.add(method + " " + path + ": path parameters " + declared + ", template " + inTemplate);
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyExampleConformsToItsSchema() {
		List<String> problems = new ArrayList<>();
		int[] checked = { 0 };
		walk("", this.document, (pointer, node) -> {
			if (!pointer.matches(".*/content/[^/]+") || !node.has("schema")) {
				return;
			}
			String mediaType = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/");
			for (String name : node.path("examples").propertyNames()) {
				JsonNode value = this.document
					.at(this.contract.resolve(pointer + "/examples/" + OpenApiContract.escape(name)))
					.path("value");
				if (mediaType.equals("text/xml")) {
					value = this.json.getNodeFactory().stringNode(value.asString());
				}
				else if (!mediaType.endsWith("json") && !mediaType.endsWith("urlencoded")) {
					continue;
				}
				checked[0]++;
				this.contract.validate(pointer + "/schema", value)
					.forEach((error) -> problems.add(pointer + "/examples/" + name + ": " + error));
			}
		});
		assertThat(problems).isEmpty();
		assertThat(checked[0]).isGreaterThan(20);
	}

	@Test
	void theVendorsBodiesAreTheDocumentsExamplesAndConform() throws IOException {
		Map<String, String> schemaOf = Map.ofEntries(Map.entry("login-request.json", "LoginRequest"),
				Map.entry("login-sid-request.json", "LoginRequest"), Map.entry("login-response.json", "LoginResponse"),
				Map.entry("login-refresh-response.json", "LoginResponse"),
				Map.entry("logout-response.json", "LogoutResponse"), Map.entry("result-response.json", "Result"),
				Map.entry("system-response.json", "SystemInfo"),
				Map.entry("system-resource-response.json", "SystemResource"),
				Map.entry("system-bridge-response.json", "BridgeList"),
				Map.entry("system-port-tcp-5000-response.json", "PortUsage"),
				Map.entry("system-port-udp-33806-response.json", "PortUsage"),
				Map.entry("tls-response.json", "TlsInfo"), Map.entry("tls-request.json", "TlsNotifyRequest"),
				Map.entry("tls-domain-names-response.json", "DomainNames"),
				Map.entry("tls-domain-names-request.json", "DomainNamesRequest"));
		List<JsonNode> examples = new ArrayList<>();
		walk("", this.document, (pointer, node) -> {
			if (pointer.matches(".*/examples/[^/]+") && node.has("value")) {
				examples.add(node.get("value"));
			}
		});
		for (Map.Entry<String, String> entry : schemaOf.entrySet()) {
			JsonNode body;
			try (InputStream in = getClass().getResourceAsStream("/contract/" + entry.getKey())) {
				body = this.json.readTree(in);
			}
			assertThat(this.contract.validate("/components/schemas/" + entry.getValue(), body)).as(entry.getKey())
				.isEmpty();
			assertThat(examples).as(entry.getKey() + " is an example of the document").contains(body);
		}
	}

	@Test
	void theServersAreTheApiBasePaths() {
		assertThat(this.contract.basePaths()).isEqualTo(ContainerStationApi.BASES);
	}

	@Test
	void everyRegisteredRouteIsDocumented() {
		assertThat(this.contract.routes()).containsAll(registeredRoutes(false));
	}

	/**
	 * The document describes the whole API, but host facts ({@code /system...}) and TLS
	 * ({@code /tls...}) are built on their own branches. Until a feature has any route in
	 * the application, its documented routes are excused (see
	 * {@link #FEATURES_NOT_YET_BUILT}); from its first registered route on, every one of
	 * its documented routes must be there, and routes of any other feature always must.
	 */
	@Test
	void everyDocumentedRouteIsRegistered() {
		Set<Route> registered = registeredRoutes(true);
		Set<String> builtFeatures = registered.stream().map(this::feature).collect(Collectors.toSet());
		Set<Route> missing = new TreeSet<>(Comparator.comparing(Route::toString));
		for (Route route : this.contract.routes()) {
			String feature = feature(route);
			boolean pending = FEATURES_NOT_YET_BUILT.contains(feature) && !builtFeatures.contains(feature);
			if (!registered.contains(route) && !pending) {
				missing.add(route);
			}
		}
		assertThat(missing).isEmpty();
		// The foundation's own routes are never excused.
		assertThat(registered).contains(new Route("POST", API + "/login"), new Route("GET", API + "/login_refresh"),
				new Route("PUT", API + "/logout"), new Route("GET", "/cgi-bin/authLogin.cgi"),
				new Route("POST", "/cgi-bin/authLogin.cgi"));
	}

	@Test
	void theSuiteValidatesEveryResponse() {
		assertThat(RestAssured.filters()).contains(OpenApiValidation.filter());
	}

	@Test
	void theFoundationsAnswersConformOverTheWire() throws Exception {
		// The vendor's curl session: JSON sent with curl's form content type.
		Response login = given().port(this.port)
			.contentType(ContentType.URLENC)
			.body(contractBody("login-request.json"))
			.post(API + "/login");
		assertThat(login.statusCode()).isEqualTo(200);
		String cookie = login.cookie(SignIn.COOKIE);
		for (String base : ContainerStationApi.BASES) {
			given().port(this.port).cookie(SignIn.COOKIE, cookie).get(base + "/login_refresh").then().statusCode(200);
		}
		// A real form body, as older clients send.
		given().port(this.port)
			.formParam("username", "admin")
			.formParam("password", "admin")
			.post(API + "/login")
			.then()
			.statusCode(200);
		// QTS sign-in (GET with plain_pwd, POST with the base64 pwd), then sid login.
		String xml = given().port(this.port)
			.queryParam("user", "admin")
			.queryParam("plain_pwd", "admin")
			.get("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200)
			.extract()
			.asString();
		Matcher sid = Pattern.compile("<authSid><!\\[CDATA\\[([^\\]]+)]]>").matcher(xml);
		assertThat(sid.find()).isTrue();
		given().port(this.port)
			.contentType(ContentType.JSON)
			.body("{\"sid\": \"" + sid.group(1) + "\"}")
			.post("/api/v1/login")
			.then()
			.statusCode(200);
		given().port(this.port)
			.formParam("user", "admin")
			.formParam("pwd", Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8)))
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200);
		// A 2-step account: 403 on password login, need_2sv without a code, a sid with
		// one.
		given().port(this.port)
			.contentType(ContentType.JSON)
			.body(this.json
				.writeValueAsString(Map.of("username", OTP_USER, "password", LiveEmulatorTest.SECRET_PASSWORD)))
			.post(API + "/login")
			.then()
			.statusCode(403);
		given().port(this.port)
			.queryParam("user", OTP_USER)
			.queryParam("plain_pwd", LiveEmulatorTest.SECRET_PASSWORD)
			.get("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200);
		given().port(this.port)
			.queryParam("user", OTP_USER)
			.queryParam("plain_pwd", LiveEmulatorTest.SECRET_PASSWORD)
			.queryParam("security_code", totp())
			.get("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200);
		// Errors.
		String wrong = "{\"username\": \"admin\", \"password\": \"nope\"}";
		given().port(this.port).contentType(ContentType.JSON).body(wrong).post(API + "/login").then().statusCode(401);
		given().port(this.port).contentType(ContentType.JSON).body("{}").post(API + "/login").then().statusCode(400);
		given().port(this.port)
			.contentType(ContentType.JSON)
			.body("{\"user")
			.post(API + "/login")
			.then()
			.statusCode(400);
		given().port(this.port)
			.contentType(ContentType.JSON)
			.body("{\"sid\": \"unknown\"}")
			.post("/containerstation/api/v1/login")
			.then()
			.statusCode(401);
		given().port(this.port)
			.contentType(ContentType.JSON)
			.body("{\"username\": \"" + "a".repeat(70 * 1024) + "\"}")
			.post(API + "/login")
			.then()
			.statusCode(413);
		given().port(this.port).get(API + "/login").then().statusCode(405);
		given().port(this.port).get(API + "/login_refresh").then().statusCode(401);
		given().port(this.port).get(API + "/no_such_route").then().statusCode(401);
		given().port(this.port).cookie(SignIn.COOKIE, cookie).get(API + "/no_such_route").then().statusCode(404);
		given().port(this.port).cookie(SignIn.COOKIE, cookie).get(API + "/logout").then().statusCode(405);
		given().port(this.port)
			.cookie(SignIn.COOKIE, cookie)
			.header("Origin", "https://evil.example")
			.put(API + "/logout")
			.then()
			.statusCode(403);
		// Logout, and the old cookie is dead.
		given().port(this.port).cookie(SignIn.COOKIE, cookie).put(API + "/logout").then().statusCode(200);
		given().port(this.port).cookie(SignIn.COOKIE, cookie).put(API + "/logout").then().statusCode(401);
	}

	@Test
	void aResponseThatDoesNotConformFailsTheRequest() {
		String body = contractBody("login-request.json");
		Filter wrongType = (request, response, context) -> new ResponseBuilder().clone(context.next(request, response))
			.setBody("{\"anonymous\": false, \"isAdmin\": \"true\", \"logintime\": \"2021-08-11 16:54:45\", "
					+ "\"username\": \"admin\"}")
			.build();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> given().port(this.port)
				.filter(wrongType)
				.contentType(ContentType.JSON)
				.body(body)
				.post(API + "/login"))
			.withMessageContaining("/isAdmin");
		Filter serverError = (request, response,
				context) -> new ResponseBuilder().clone(context.next(request, response)).setStatusCode(500).build();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> given().port(this.port).filter(serverError).body(body).post(API + "/login"))
			.withMessageContaining("status 500 is not documented");
		Filter html = (request, response, context) -> new ResponseBuilder().clone(context.next(request, response))
			.setContentType("text/html")
			.build();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> given().port(this.port).filter(html).get(API + "/login_refresh"))
			.withMessageContaining("text/html");
		// Opting out for one request, as a test of injected faults would.
		given().port(this.port)
			.noFiltersOfType(OpenApiValidation.ResponseValidationFilter.class)
			.filter(serverError)
			.body(body)
			.post(API + "/login")
			.then()
			.statusCode(500);
	}

	/**
	 * Every (method, full path) of the application's request mappings.
	 * @param withControl whether to include the control API's routes, of which the
	 * document describes those the dashboard reads
	 */
	private Set<Route> registeredRoutes(boolean withControl) {
		Set<Route> routes = new TreeSet<>(Comparator.comparing(Route::toString));
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.equals("/error") || (!withControl && pattern.startsWith("/_emulator/"))) {
					// The servlet container's error page and the emulator's own control
					// API
					// are not routes of the emulated API.
					continue;
				}
				String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				if (methods.isEmpty()) {
					routes.add(new Route("ANY", path));
				}
				methods.forEach((method) -> routes.add(new Route(method.name(), path)));
			}
		});
		return routes;
	}

	/** The first segment below the base path ({@code system}, {@code tls}, ...). */
	private String feature(Route route) {
		String path = route.path();
		for (String base : this.contract.basePaths()) {
			if (path.startsWith(base + "/")) {
				path = path.substring(base.length());
				break;
			}
		}
		String[] segments = path.split("/");
		return (segments.length > 1) ? segments[1] : "";
	}

	/**
	 * The pointers of every schema object: components and those of parameters, headers,
	 * bodies.
	 */
	private List<String> schemaObjects() {
		List<String> pointers = new ArrayList<>();
		for (String name : this.document.at("/components/schemas").propertyNames()) {
			pointers.add("/components/schemas/" + OpenApiContract.escape(name));
		}
		walk("", this.document, (pointer, node) -> {
			if (node.has("schema") && node.get("schema").isObject() && !pointer.startsWith("/components/schemas")) {
				pointers.add(pointer + "/schema");
			}
		});
		return pointers;
	}

	private void unknownKeywords(String pointer, List<String> problems) {
		JsonNode schema = this.document.at(pointer);
		if (!schema.isObject()) {
			return;
		}
		for (String keyword : schema.propertyNames()) {
			String child = pointer + "/" + OpenApiContract.escape(keyword);
			if (!SCHEMA_KEYWORDS.contains(keyword) && !keyword.startsWith("x-")) {
				problems.add(child + ": not a JSON Schema 2020-12 or OpenAPI keyword");
			}
			else if (SUBSCHEMA.contains(keyword)) {
				unknownKeywords(child, problems);
			}
			else if (SUBSCHEMA_ARRAYS.contains(keyword)) {
				for (int i = 0; i < schema.get(keyword).size(); i++) {
					unknownKeywords(child + "/" + i, problems);
				}
			}
			else if (SUBSCHEMA_MAPS.contains(keyword)) {
				for (String name : schema.get(keyword).propertyNames()) {
					unknownKeywords(child + "/" + OpenApiContract.escape(name), problems);
				}
			}
		}
	}

	/** Visits every object of the document, except example values. */
	private static void walk(String pointer, JsonNode node, BiConsumer<String, JsonNode> visitor) {
		if (node.isObject()) {
			visitor.accept(pointer, node);
			for (String name : node.propertyNames()) {
				if (!name.equals("example") && !name.equals("value")) {
					walk(pointer + "/" + OpenApiContract.escape(name), node.get(name), visitor);
				}
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(pointer + "/" + i, node.get(i), visitor);
			}
		}
	}

	private static String contractBody(String file) {
		try (InputStream in = OpenApiDocumentTests.class.getResourceAsStream("/contract/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String totp() throws Exception {
		TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
		SecretKeySpec key = new SecretKeySpec(new Base32().decode(LiveEmulatorTest.SECRET_TOTP),
				generator.getAlgorithm());
		return String.format("%06d", generator.generateOneTimePassword(key, Instant.now()));
	}

}
