package dev.csemu.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.support.SignIn;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Signing in over a real socket, as the vendor's curl examples and QTS clients do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "emulator.users.alice.password=alice-pw", "emulator.users.erin.password=p+s&w=rd %41",
				"emulator.users.bob.password=bob-pw", "emulator.users.bob.admin=true",
				"emulator.users.bob.two-step-secret=" + AuthApiTests.BOB_SECRET,
				"emulator.users.carol.password={bcrypt}$2a$04$BDWZqpCnGR.g2LrT0PsL6.Q/CAbIcpmoHrhsHGUuzNGNOpAJCJDtq",
				"emulator.access-protection.max-failures=3", "emulator.access-protection.window=1m",
				"emulator.access-protection.block=5m", "emulator.access-protection.account-max-failures=5" })
class AuthApiTests {

	static final String BOB_SECRET = "JBSWY3DPEHPK3PXP";

	private static final String API = SignIn.API;

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	EmulatorClock clock;

	@Autowired
	AccessProtection accessProtection;

	@AfterEach
	void backToRealTime() {
		this.clock.useSystemTime();
		this.accessProtection.clear();
	}

	@Test
	void vendorCurlSessionLogsInRefreshesAndLogsOut() throws Exception {
		// curl -sq -XPOST -c cookies.txt -d '{"username": "admin", "password": "admin"}'
		// .../login
		Response login = curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").post(API + "/login");
		login.then()
			.statusCode(200)
			.contentType(ContentType.JSON)
			.body("anonymous", equalTo(false))
			.body("isAdmin", equalTo(true))
			.body("username", equalTo("admin"))
			.body("logintime", matchesPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
		assertSameShape(login.asString(), "login-response.json");
		String setCookie = login.header("Set-Cookie");
		assertThat(setCookie).startsWith("CS_SESS_ID=")
			.contains("Path=/")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.doesNotContain("Secure");
		String sid = login.cookie(SignIn.COOKIE);
		assertThat(Base64.getUrlDecoder().decode(sid)).hasSizeGreaterThanOrEqualTo(16);

		Response refresh = given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh");
		refresh.then().statusCode(200).body("logintime", equalTo(login.path("logintime")));
		assertThat(json.readTree(refresh.asString())).isEqualTo(json.readTree(login.asString()));

		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.put(API + "/logout")
			.then()
			.statusCode(200)
			.body(equalTo(contract("logout-response.json").toString()));
	}

	@Test
	void stolenCookieIsDeadAfterLogout() {
		String sid = SignIn.asAdmin(this.port);
		given().port(this.port).cookie(SignIn.COOKIE, sid).put(API + "/logout").then().statusCode(200);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh"), 401);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).put(API + "/logout"), 401);
	}

	@Test
	void everyBasePathOfEveryEraAnswers() {
		for (String base : List.of("/container-station/api/v1", "/containerstation/api/v1", "/api/v1")) {
			String sid = curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").post(base + "/login")
				.then()
				.statusCode(200)
				.extract()
				.cookie(SignIn.COOKIE);
			given().port(this.port)
				.cookie(SignIn.COOKIE, sid)
				.get(base + "/login_refresh")
				.then()
				.statusCode(200)
				.body("username", equalTo("admin"));
		}
	}

	@Test
	void loginAcceptsARealFormBodyAndAJsonBody() {
		given().port(this.port)
			.contentType(ContentType.URLENC)
			.formParam("username", "alice")
			.formParam("password", "alice-pw")
			.post(API + "/login")
			.then()
			.statusCode(200)
			.body("isAdmin", equalTo(false))
			.body("username", equalTo("alice"));
		given().port(this.port)
			.contentType(ContentType.JSON)
			.body("{\"username\": \"alice\", \"password\": \"alice-pw\"}")
			.post(API + "/login")
			.then()
			.statusCode(200);
	}

	@Test
	void jsonInsideAFormTypedBodyIsReadByteForByte() {
		// Left to the container, '+' and '&' inside the JSON would be mangled as form
		// syntax.
		curlJson("{\"username\": \"erin\", \"password\": \"p+s&w=rd %41\"}").post(API + "/login")
			.then()
			.statusCode(200)
			.body("username", equalTo("erin"));
	}

	@Test
	void bcryptEncodedPasswordsWork() {
		SignIn.as(this.port, "carol", "carol-pw");
	}

	@Test
	void wrongPasswordAndUnknownUserGetTheSameAnswer() {
		Response wrong = curlJson("{\"username\": \"admin\", \"password\": \"nope\"}").post(API + "/login");
		this.accessProtection.clear();
		Response unknown = curlJson("{\"username\": \"mallory\", \"password\": \"nope\"}").post(API + "/login");
		expectError(wrong, 401);
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(unknown.asString()).isEqualTo(wrong.asString());
	}

	@Test
	void everyLoginGetsANewSessionAndTheOldOneEnds() {
		String first = SignIn.asAdmin(this.port);
		String second = given().port(this.port)
			.cookie(SignIn.COOKIE, first)
			.contentType(ContentType.URLENC)
			.body("{\"username\": \"admin\", \"password\": \"admin\"}")
			.post(API + "/login")
			.then()
			.statusCode(200)
			.extract()
			.cookie(SignIn.COOKIE);
		assertThat(second).isNotEqualTo(first);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, first).get(API + "/login_refresh"), 401);
		given().port(this.port).cookie(SignIn.COOKIE, second).get(API + "/login_refresh").then().statusCode(200);
	}

	@Test
	void forgedCookieIsRefused() {
		expectError(given().port(this.port).cookie(SignIn.COOKIE, "forged").get(API + "/login_refresh"), 401);
		expectError(given().port(this.port).get(API + "/login_refresh"), 401);
	}

	@Test
	void idleSessionExpiresAndRefreshKeepsItAlive() {
		String sid = SignIn.asAdmin(this.port);
		this.clock.advance(Duration.ofMinutes(29));
		given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh").then().statusCode(200);
		this.clock.advance(Duration.ofMinutes(29));
		given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh").then().statusCode(200);
		this.clock.advance(Duration.ofMinutes(31));
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/login_refresh"), 401);
	}

	@Test
	void twoStepAccountGets403OnPasswordLoginAndSignsInThroughQtsWithACode() throws Exception {
		expectError(curlJson("{\"username\": \"bob\", \"password\": \"bob-pw\"}").post(API + "/login"), 403);

		String ezPassword = Base64.getEncoder().encodeToString("bob-pw".getBytes(StandardCharsets.UTF_8));
		given().port(this.port)
			.queryParam("user", "bob")
			.queryParam("pwd", ezPassword)
			.get("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200)
			.contentType(containsString("text/xml"))
			.body("QDocRoot.authPassed", equalTo("0"))
			.body("QDocRoot.need_2sv", equalTo("1"));

		given().port(this.port)
			.formParam("user", "bob")
			.formParam("pwd", ezPassword)
			.formParam("security_code", "000000".equals(totp(BOB_SECRET, 0)) ? "111111" : "000000")
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.body("QDocRoot.authPassed", equalTo("0"));

		String qtsSid = given().port(this.port)
			.formParam("user", "bob")
			.formParam("pwd", ezPassword)
			.formParam("security_code", totp(BOB_SECRET, 0))
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200)
			.body("QDocRoot.authPassed", equalTo("1"))
			.body("QDocRoot.username", equalTo("bob"))
			.body("QDocRoot.isAdmin", equalTo("1"))
			.body("QDocRoot.groupname", equalTo("administrators"))
			.extract()
			.path("QDocRoot.authSid");

		curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login")
			.then()
			.statusCode(200)
			.body("username", equalTo("bob"))
			.body("isAdmin", equalTo(true));
	}

	@Test
	void plainAccountGetsASidFromQtsWithEzEncodedOrPlainPassword() {
		String qtsSid = given().port(this.port)
			.queryParam("user", "alice")
			.queryParam("pwd", Base64.getEncoder().encodeToString("alice-pw".getBytes(StandardCharsets.UTF_8)))
			.get("/cgi-bin/authLogin.cgi")
			.then()
			.body("QDocRoot.authPassed", equalTo("1"))
			.body("QDocRoot.isAdmin", equalTo("0"))
			.body("QDocRoot.groupname", equalTo("everyone"))
			.extract()
			.path("QDocRoot.authSid");
		curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login")
			.then()
			.statusCode(200)
			.body("username", equalTo("alice"));
		given().port(this.port)
			.formParam("user", "alice")
			.formParam("plain_pwd", "alice-pw")
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.body("QDocRoot.authPassed", equalTo("1"));
		given().port(this.port)
			.formParam("user", "alice")
			.formParam("plain_pwd", "wrong")
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200)
			.body("QDocRoot.authPassed", equalTo("0"))
			.body("QDocRoot.errorValue", equalTo("-1"));
	}

	@Test
	void unknownOrExpiredSidIsRefused() {
		expectError(curlJson("{\"sid\": \"nassid\"}").post(API + "/login"), 401);
		String qtsSid = given().port(this.port)
			.formParam("user", "alice")
			.formParam("plain_pwd", "alice-pw")
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.extract()
			.path("QDocRoot.authSid");
		this.clock.advance(Duration.ofMinutes(31));
		expectError(curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login"), 401);
	}

	@Test
	void repeatedFailuresBlockTheAddressUntilTheBlockEnds() {
		for (int i = 0; i < 3; i++) {
			expectError(curlJson("{\"username\": \"admin\", \"password\": \"nope\"}").post(API + "/login"), 401);
		}
		Response blocked = curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").post(API + "/login");
		expectError(blocked, 403);
		assertThat(blocked.<String>path("error.message")).contains("blocked until");
		given().port(this.port)
			.formParam("user", "admin")
			.formParam("plain_pwd", "admin")
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(403)
			.body("QDocRoot.authPassed", equalTo("0"));

		this.clock.advance(Duration.ofMinutes(4));
		expectError(curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").post(API + "/login"), 403);
		this.clock.advance(Duration.ofMinutes(2));
		curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").post(API + "/login").then().statusCode(200);
	}

	@Test
	void failuresOutsideTheWindowDoNotAddUp() {
		for (int i = 0; i < 2; i++) {
			expectError(curlJson("{\"username\": \"admin\", \"password\": \"nope\"}").post(API + "/login"), 401);
		}
		this.clock.advance(Duration.ofMinutes(2));
		expectError(curlJson("{\"username\": \"admin\", \"password\": \"nope\"}").post(API + "/login"), 401);
		curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").post(API + "/login").then().statusCode(200);
	}

	@Test
	void aSuccessfulSignInBetweenFailuresDoesNotClearTheAddresssFailures() {
		expectError(curlJson("{\"username\": \"admin\", \"password\": \"nope\"}").post(API + "/login"), 401);
		expectError(curlJson("{\"username\": \"admin\", \"password\": \"nope\"}").post(API + "/login"), 401);
		SignIn.as(this.port, "alice", "alice-pw");
		expectError(curlJson("{\"username\": \"admin\", \"password\": \"nope\"}").post(API + "/login"), 401);
		Response blocked = curlJson("{\"username\": \"alice\", \"password\": \"alice-pw\"}").post(API + "/login");
		expectError(blocked, 403);
		assertThat(blocked.<String>path("error.message")).contains("blocked until");
	}

	@Test
	void failedPasswordsAndCodesForOneAccountLockItFromEveryAddress() throws Exception {
		String wrongCode = "000000".equals(totp(BOB_SECRET, 0)) ? "111111" : "000000";
		// Five failures for bob from three addresses, none of them at its own limit of
		// three.
		for (int i = 0; i < 2; i++) {
			assertThat(from("127.0.0.2").login("bob", "nope").status()).isEqualTo(401);
			assertThat(from("127.0.0.3").qts("bob", "bob-pw", wrongCode).body()).contains("<need_2sv><![CDATA[1]]>");
		}
		assertThat(from("127.0.0.4").login("BOB", "nope").status()).isEqualTo(401);

		// Locked: the right password and a current code are refused from a fresh address,
		// on QTS and on Container Station alike.
		Raw lockedQts = from("127.0.0.5").qts("bob", "bob-pw", totp(BOB_SECRET, 0));
		assertThat(lockedQts.status()).isEqualTo(403);
		assertThat(lockedQts.body()).contains("<authPassed><![CDATA[0]]>").contains("locked until");
		Raw lockedLogin = from("127.0.0.5").login("bob", "bob-pw");
		assertThat(lockedLogin.status()).isEqualTo(403);
		assertThat(lockedLogin.body()).contains("\"code\":403").contains("locked until");
		// The address itself is not blocked: another account signs in from it.
		assertThat(from("127.0.0.5").login("alice", "alice-pw").status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		// The emulator's clock is 5 minutes (10 steps) ahead of real time now.
		Raw released = from("127.0.0.6").qts("bob", "bob-pw", totp(BOB_SECRET, 10));
		assertThat(released.status()).isEqualTo(200);
		assertThat(released.body()).contains("<authPassed><![CDATA[1]]>");
	}

	@Test
	void aTwoStepCodeIsAcceptedOnlyOnce() throws Exception {
		String code = totp(BOB_SECRET, 0);
		assertThat(from("127.0.0.1").qts("bob", "bob-pw", code).body()).contains("<authPassed><![CDATA[1]]>");
		Raw replay = from("127.0.0.1").qts("bob", "bob-pw", code);
		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.body()).contains("<authPassed><![CDATA[0]]>").contains("<need_2sv><![CDATA[1]]>");
	}

	@Test
	void qtsSignOutEndsTheSidAndTheSessionsOpenedWithIt() {
		String qtsSid = qtsSid("alice", "alice-pw");
		String session = sidLogin(qtsSid);
		// Without logout=1 nothing ends.
		given().port(this.port)
			.queryParam("sid", qtsSid)
			.get("/cgi-bin/authLogout.cgi")
			.then()
			.statusCode(200)
			.body("QDocRoot.authLogout", equalTo("0"));
		given().port(this.port).cookie(SignIn.COOKIE, session).get(API + "/login_refresh").then().statusCode(200);
		given().port(this.port)
			.queryParam("logout", "1")
			.queryParam("sid", qtsSid)
			.get("/cgi-bin/authLogout.cgi")
			.then()
			.statusCode(200)
			.contentType(containsString("text/xml"))
			.body("QDocRoot.authLogout", equalTo("1"));
		expectError(curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login"), 401);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, session).get(API + "/login_refresh"), 401);
		given().port(this.port)
			.formParam("logout", "1")
			.formParam("sid", qtsSid)
			.post("/cgi-bin/authLogout.cgi")
			.then()
			.statusCode(200)
			.body("QDocRoot.authLogout", equalTo("0"));
	}

	@Test
	void signingOutOfASessionOpenedWithASidEndsTheSid() {
		String qtsSid = qtsSid("alice", "alice-pw");
		String first = sidLogin(qtsSid);
		String second = sidLogin(qtsSid);
		given().port(this.port).cookie(SignIn.COOKIE, first).put(API + "/logout").then().statusCode(200);
		expectError(curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login"), 401);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, second).get(API + "/login_refresh"), 401);
	}

	@Test
	void busySessionsAndSidsEndAfterTheirAbsoluteLifetime() {
		String session = SignIn.as(this.port, "alice", "alice-pw");
		String qtsSid = qtsSid("alice", "alice-pw");
		String fromSid = null;
		// A request every 29 minutes keeps both from idling out for 23 h 41 min.
		for (int i = 0; i < 49; i++) {
			this.clock.advance(Duration.ofMinutes(29));
			given().port(this.port).cookie(SignIn.COOKIE, session).get(API + "/login_refresh").then().statusCode(200);
			fromSid = sidLogin(qtsSid);
		}
		this.clock.advance(Duration.ofMinutes(21));
		expectError(given().port(this.port).cookie(SignIn.COOKIE, session).get(API + "/login_refresh"), 401);
		expectError(curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login"), 401);
		// Opened 21 minutes ago, but with a sid that has reached its end.
		expectError(given().port(this.port).cookie(SignIn.COOKIE, fromSid).get(API + "/login_refresh"), 401);
	}

	@Test
	void userNamesMatchInAnyCaseAndSessionsCarryTheConfiguredName() {
		String qtsSid = given().port(this.port)
			.formParam("user", "ALICE")
			.formParam("plain_pwd", "alice-pw")
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.body("QDocRoot.authPassed", equalTo("1"))
			.body("QDocRoot.username", equalTo("alice"))
			.extract()
			.path("QDocRoot.authSid");
		curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login")
			.then()
			.statusCode(200)
			.body("username", equalTo("alice"));
		curlJson("{\"username\": \"Alice\", \"password\": \"alice-pw\"}").post(API + "/login")
			.then()
			.statusCode(200)
			.body("username", equalTo("alice"));
	}

	@Test
	void nonAdministratorIsRefusedAdminRoutes() {
		String sid = SignIn.as(this.port, "alice", "alice-pw");
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/system/report"), 403);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).post("/api/v1/tls/rotation"), 403);
	}

	@Test
	void everyApiRouteNeedsASession() {
		expectError(given().port(this.port).get(API + "/system"), 401);
		expectError(given().port(this.port).get("/api/v1/tls"), 401);
		expectError(given().port(this.port).put(API + "/logout"), 401);
	}

	@Test
	void badBodiesAre400() {
		expectError(curlJson("{\"username\": \"admin\", \"password\": ").post(API + "/login"), 400);
		expectError(curlJson("{\"username\": \"admin\"}").post(API + "/login"), 400);
		expectError(curlJson("{\"username\": \"admin\", \"password\": 5}").post(API + "/login"), 400);
		expectError(curlJson("[1, 2]").post(API + "/login"), 400);
		expectError(given().port(this.port).contentType(ContentType.JSON).post(API + "/login"), 400);
		expectError(curlJson("{\"username\": \"a\", \"username\": \"b\", \"password\": \"x\"}").post(API + "/login"),
				400);
	}

	@Test
	void bodiesOver64KiBAre413() {
		String huge = "{\"username\": \"" + "a".repeat(70_000) + "\", \"password\": \"x\"}";
		expectError(curlJson(huge).post(API + "/login"), 413);
	}

	@Test
	void emptyJsonTypedBodyOnGetAndPutIsFine() {
		String sid = SignIn.asAdmin(this.port);
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.contentType(ContentType.JSON)
			.get(API + "/login_refresh")
			.then()
			.statusCode(200);
		given().port(this.port)
			.cookie(SignIn.COOKIE, sid)
			.contentType(ContentType.JSON)
			.put(API + "/logout")
			.then()
			.statusCode(200);
	}

	@Test
	void unknownRoutesAndWrongMethodsGetTheEnvelope() {
		String sid = SignIn.asAdmin(this.port);
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).get(API + "/no-such-route"), 404);
		expectError(given().port(this.port).get("/no-such-page"), 404);
		Response wrongMethod = given().port(this.port).delete(API + "/login");
		expectError(wrongMethod, 405);
		assertThat(wrongMethod.header("Allow")).contains("POST");
		expectError(given().port(this.port).cookie(SignIn.COOKIE, sid).post(API + "/logout"), 405);
	}

	@Test
	void writesFromAnotherSiteAreRefused() {
		expectError(
				curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").header("Origin", "https://evil.example")
					.post(API + "/login"),
				403);
		curlJson("{\"username\": \"admin\", \"password\": \"admin\"}").header("Origin", "http://localhost:" + this.port)
			.header("Host", "localhost:" + this.port)
			.post(API + "/login")
			.then()
			.statusCode(200);
	}

	private String qtsSid(String user, String password) {
		return given().port(this.port)
			.formParam("user", user)
			.formParam("plain_pwd", password)
			.post("/cgi-bin/authLogin.cgi")
			.then()
			.statusCode(200)
			.body("QDocRoot.authPassed", equalTo("1"))
			.extract()
			.path("QDocRoot.authSid");
	}

	private String sidLogin(String qtsSid) {
		return curlJson("{\"sid\": \"" + qtsSid + "\"}").post(API + "/login")
			.then()
			.statusCode(200)
			.extract()
			.cookie(SignIn.COOKIE);
	}

	/** A client on another loopback address: its own socket, bound to that address. */
	private RawClient from(String localAddress) {
		return new RawClient(this.port, localAddress);
	}

	record RawClient(int port, String localAddress) {

		Raw login(String username, String password) throws IOException {
			return send("POST", API + "/login",
					"{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
		}

		Raw qts(String username, String password, String securityCode) throws IOException {
			String pwd = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
			return send("GET", "/cgi-bin/authLogin.cgi?user=" + username + "&pwd="
					+ URLEncoder.encode(pwd, StandardCharsets.UTF_8) + "&security_code=" + securityCode, null);
		}

		Raw send(String method, String target, String json) throws IOException {
			try (Socket socket = new Socket()) {
				socket.bind(new InetSocketAddress(this.localAddress, 0));
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				socket.setSoTimeout(10_000);
				byte[] body = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
				String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
						+ "\r\nConnection: close\r\n" + ((json != null)
								? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n" : "")
						+ "\r\n";
				OutputStream out = socket.getOutputStream();
				out.write(head.getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
				String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				int status = Integer.parseInt(answer.substring(9, 12));
				return new Raw(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
			}
		}

	}

	/**
	 * A raw answer.
	 *
	 * @param status the HTTP status
	 * @param body the body as sent (chunked framing included)
	 */
	record Raw(int status, String body) {
	}

	private RequestSpecification curlJson(String body) {
		// What curl -d sends: the JSON body with a form content type.
		return given().port(this.port).contentType(ContentType.URLENC).body(body);
	}

	static void expectError(Response response, int status) {
		response.then()
			.statusCode(status)
			.contentType(ContentType.JSON)
			.body("error.code", equalTo(status))
			.body("error.message", matchesPattern(".+"));
		assertThat(response.asString()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private static void assertSameShape(String body, String contractFile) throws Exception {
		JsonNode actual = json.readTree(body);
		JsonNode expected = contract(contractFile);
		assertThat(actual.propertyNames()).containsExactlyElementsOf(expected.propertyNames());
		for (String name : expected.propertyNames()) {
			assertThat(actual.get(name).getNodeType()).as(name).isEqualTo(expected.get(name).getNodeType());
		}
	}

	private static JsonNode contract(String file) throws Exception {
		return json.readTree(Files.readString(Path.of("src/test/resources/contract", file)));
	}

	/**
	 * RFC 6238 (SHA-1, 30 s, 6 digits), written out here independently of the product.
	 */
	static String totp(String base32Secret, int stepOffset) throws Exception {
		long counter = System.currentTimeMillis() / 30_000 + stepOffset;
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"));
		byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		return String.format("%06d", binary % 1_000_000);
	}

	static {
		RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
	}

}
