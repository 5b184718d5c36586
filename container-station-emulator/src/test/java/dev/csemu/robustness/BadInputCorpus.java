package dev.csemu.robustness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import dev.csemu.web.ContainerStationApi;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input corpus: malformed requests to every route of the emulated API (under all
 * three base paths), QTS's {@code authLogin.cgi} and the control API, generated from a
 * seed. Every one must get a 4xx in the envelope; none may change what the emulator
 * holds.
 *
 * <p>
 * Nothing here may be valid by accident: the cases never send a valid body with a session
 * that may write, never log out a live session, never add a fault and never reset.
 */
final class BadInputCorpus {

	private static final Set<Integer> ANY = Set.of();

	private static final Set<Integer> BAD = Set.of(400);

	private static final Set<Integer> UNAUTHORIZED = Set.of(401);

	private static final Set<Integer> FORBIDDEN = Set.of(403);

	private static final Set<Integer> TOO_LARGE = Set.of(413);

	private static final Set<Integer> BAD_OR_UNAUTHORIZED = Set.of(400, 401);

	private static final Set<Integer> WRONG_METHOD = Set.of(400, 405);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Every route of the emulated API below its base, with a body where it takes one. */
	private static final List<Route> ROUTES = List.of(new Route("GET", "/login_refresh", false, null),
			new Route("PUT", "/logout", false, null), new Route("GET", "/system", false, null),
			new Route("GET", "/system/resource", false, null), new Route("GET", "/system/port/tcp/5000", false, null),
			new Route("GET", "/system/bridge", false, null), new Route("GET", "/system/report", true, null),
			new Route("GET", "/tls", false, null), new Route("POST", "/tls", true, "{\"outdatedNotify\": false}"),
			new Route("GET", "/tls/domain_names", false, null),
			new Route("PUT", "/tls/domain_names", true, "{\"domain_names\": \"robust.example.com\"}"),
			new Route("GET", "/tls/export", true, null), new Route("POST", "/tls/rotation", true, null));

	/** Every route of the control API that needs the token. */
	private static final List<Route> CONTROL_ROUTES = List.of(new Route("GET", "/_emulator/info", false, null),
			new Route("GET", "/_emulator/clock", false, null),
			new Route("PUT", "/_emulator/clock", false, "{\"advance\": \"PT1S\"}"),
			new Route("GET", "/_emulator/faults", false, null),
			new Route("POST", "/_emulator/faults", false, "{\"status\": 503}"),
			new Route("DELETE", "/_emulator/faults", false, null),
			new Route("DELETE", "/_emulator/faults/f1", false, null),
			new Route("GET", "/_emulator/requests", false, null),
			new Route("DELETE", "/_emulator/requests", false, null),
			new Route("GET", "/_emulator/requests/count", false, null),
			new Route("PUT", "/_emulator/host/resource", false,
					"{\"cpu_usage\": \"7.5\", \"memory_usage\": {\"total\": 100, \"used\": 10, \"buffers\": 5, \"cached\": 5}}"),
			new Route("DELETE", "/_emulator/host/resource", false, null),
			new Route("GET", "/_emulator/host/ports", false, null),
			new Route("PUT", "/_emulator/host/ports", false, "{\"tcp\": [5000], \"udp\": []}"),
			new Route("DELETE", "/_emulator/host/ports", false, null),
			new Route("POST", "/_emulator/reset", false, "{}"),
			new Route("GET", "/_emulator/openapi.json", false, null),
			new Route("GET", "/_emulator/metrics", false, null));

	/** Byte sequences that are not UTF-8, overlong forms included. */
	private static final List<String> INVALID_UTF8 = List.of("ff", "fe ff", "c3 28", "e2 82", "f0 28 8c 28", "ed a0 80",
			"f4 90 80 80", "c0 af", "c1 a9", "e0 80 ae", "f0 80 80 ae", "80", "f8 88 80 80 80", "c0 80");

	/** JSON that no parser may accept. */
	private static final List<String> INVALID_JSON = List.of("{'username': 'admin'}", "{username: \"admin\"}",
			"{\"a\": 1,}", "{\"a\": NaN}", "{\"a\": 1} /* comment */", "{\"a\": 1}}", "{\"a\": 1} x",
			"{\"a\": \"\u0001raw control\"}", "{\"a\": \"unclosed}", "{\"a\": tru}", "{\"a\": 0x10}", "{\"a\": 01}",
			"{\"a\": .5}", "{\"a\": \"\\x41\"}", "{\"a\": \"\\uZZZZ\"}", "{,}", "}{", "{\"a\" 1}", "{\"a\":: 1}",
			"[1, 2", "{\"a\": [1, 2}", "{\"a\": Infinity}", "{\"a\": -}", "{\"a\": 1e}", "\"unterminated");

	private final Random random;

	private final String admin;

	private final String user;

	private final String token;

	private final List<BadRequest> cases = new ArrayList<>();

	private BadInputCorpus(long seed, String admin, String user, String token) {
		this.random = new Random(seed);
		this.admin = admin;
		this.user = user;
		this.token = token;
	}

	/**
	 * The corpus.
	 * @param seed the generators' seed
	 * @param admin a live administrator session, which every case leaves alive
	 * @param user a live session of a user who is no administrator
	 * @param token the control API's token
	 * @return the cases, by category
	 */
	static List<BadRequest> generate(long seed, String admin, String user, String token) {
		BadInputCorpus corpus = new BadInputCorpus(seed, admin, user, token);
		corpus.missingSession();
		corpus.badCookies();
		corpus.notAnAdministrator();
		corpus.badAuthorization();
		corpus.truncatedJson();
		corpus.invalidJson();
		corpus.wrongTypesAndNulls();
		corpus.hugeStrings();
		corpus.oversizedBodies();
		corpus.invalidUtf8();
		corpus.unicodeTricks();
		corpus.pathTricks();
		corpus.pathEncodings();
		corpus.oddMethods();
		corpus.badHeaders();
		corpus.badRequestLines();
		corpus.badQueries();
		corpus.generatedDomainNames();
		corpus.generatedPortPaths();
		return corpus.cases;
	}

	// Categories

	private void missingSession() {
		for (String base : ContainerStationApi.BASES) {
			for (Route route : ROUTES) {
				RawRequest request = RawRequest.of(route.method(), base + route.path());
				if (route.body() != null) {
					request.curlJson(utf8(route.body()));
				}
				client("missing session", "no cookie", request, UNAUTHORIZED);
			}
		}
	}

	private void badCookies() {
		String forged = randomId();
		List<Cookie> cookies = List.of(new Cookie("forged id", "CS_SESS_ID=" + forged),
				new Cookie("empty value", "CS_SESS_ID="), new Cookie("unterminated quote", "CS_SESS_ID=\"" + forged),
				new Cookie("4 KB id", "CS_SESS_ID=" + "A".repeat(4096)),
				new Cookie("name in lower case", "cs_sess_id=" + this.admin),
				new Cookie("tampered id", "CS_SESS_ID=" + this.admin + "x"),
				new Cookie("id with its last character changed",
						"CS_SESS_ID=" + this.admin.substring(0, this.admin.length() - 1)
								+ (this.admin.endsWith("A") ? "B" : "A")),
				new Cookie("ISO-8859-1 bytes", "CS_SESS_ID=\u00ff\u00fe\u00e9"),
				new Cookie("control characters", "CS_SESS_ID=\u0001\u0002"), new Cookie("separators only", ";;;=;=="),
				new Cookie("two forged ids", "CS_SESS_ID=a; CS_SESS_ID=b"),
				new Cookie("RFC 2109 attributes", "$Version=1; CS_SESS_ID=" + forged + "; $Path=/"),
				new Cookie("id in the wrong cookie", "JSESSIONID=" + this.admin),
				new Cookie("URL-encoded id", "CS_SESS_ID=%41%42%43"));
		for (Cookie cookie : cookies) {
			for (int i = 0; i < 2; i++) {
				Route route = pick(ROUTES);
				RawRequest request = RawRequest.of(route.method(), anyBase() + route.path())
					.header("Cookie", cookie.value());
				if (route.body() != null) {
					request.curlJson(utf8(route.body()));
				}
				raw("bad cookie", cookie.name(), request, BAD_OR_UNAUTHORIZED);
			}
		}
	}

	private void notAnAdministrator() {
		for (String base : ContainerStationApi.BASES) {
			for (Route route : ROUTES) {
				if (route.admin()) {
					RawRequest request = RawRequest.of(route.method(), base + route.path()).cookie(this.user);
					if (route.body() != null) {
						request.curlJson(utf8(route.body()));
					}
					client("not an administrator", "a user's session on an admin route", request, FORBIDDEN);
				}
			}
		}
	}

	private void badAuthorization() {
		List<Cookie> headers = List.of(new Cookie("no Authorization", null),
				new Cookie("Bearer without token", "Bearer"), new Cookie("wrong token", "Bearer wrong"),
				new Cookie("Basic instead of Bearer", "Basic " + base64("admin:admin")),
				new Cookie("token with a suffix", "Bearer " + this.token + "x"),
				new Cookie("token cut short", "Bearer " + this.token.substring(1)),
				new Cookie("6 KB token", "Bearer " + "t".repeat(6000)),
				new Cookie("ISO-8859-1 bytes", "Bearer \u00ff\u00fe"),
				new Cookie("token as Basic", "Basic " + this.token),
				new Cookie("Digest scheme", "Digest username=\"admin\""));
		int i = 0;
		for (Route route : CONTROL_ROUTES) {
			Cookie header = headers.get(i++ % headers.size());
			RawRequest request = RawRequest.of(route.method(), route.path());
			if (header.value() != null) {
				request.header("Authorization", header.value());
			}
			if (route.body() != null) {
				request.json(utf8(route.body()));
			}
			raw("bad authorization", "control API: " + header.name(), request, UNAUTHORIZED);
		}
		// A session cookie never opens the control API, nor the token the emulated API.
		raw("bad authorization", "control API with an admin session",
				RawRequest.of("GET", "/_emulator/info").cookie(this.admin), UNAUTHORIZED);
		for (Cookie header : List.of(new Cookie("the control token", "Bearer " + this.token),
				new Cookie("Basic admin:admin", "Basic " + base64("admin:admin")),
				new Cookie("Bearer with a session id", "Bearer " + this.admin))) {
			Route route = pick(ROUTES);
			client("bad authorization", "API: " + header.name(),
					RawRequest.of(route.method(), anyBase() + route.path()).header("Authorization", header.value()),
					UNAUTHORIZED);
		}
	}

	private void truncatedJson() {
		for (BodyRoute route : bodyRoutes()) {
			String template = route.template();
			for (int i = 0; i < 4; i++) {
				int cut = 1 + this.random.nextInt(template.length() - 1);
				client("truncated JSON", route.name() + " cut at " + cut + "/" + template.length(),
						route.request(utf8(template.substring(0, cut)), this.random.nextBoolean()), BAD);
			}
		}
	}

	private void invalidJson() {
		List<BodyRoute> routes = bodyRoutes();
		for (String body : INVALID_JSON) {
			for (int i = 0; i < 2; i++) {
				BodyRoute route = pick(routes);
				client("invalid JSON", route.name() + ": " + body, route.request(utf8(body), this.random.nextBoolean()),
						BAD);
			}
		}
	}

	private void wrongTypesAndNulls() {
		Map<String, List<String>> bodies = Map.of("login",
				List.of("{\"username\": 1, \"password\": \"admin\"}", "{\"username\": \"admin\", \"password\": 1}",
						"{\"username\": [\"admin\"], \"password\": \"admin\"}",
						"{\"username\": {\"name\": \"admin\"}, \"password\": \"admin\"}",
						"{\"username\": true, \"password\": \"admin\"}", "{\"username\": null, \"password\": null}",
						"{\"username\": \"admin\", \"password\": null}", "{\"username\": \"admin\"}", "{\"sid\": 1}",
						"{\"sid\": null}", "{\"sid\": [\"x\"]}", "{}", "[]", "\"admin\"", "42", "null", "true",
						"{\"username\": \"admin\", \"password\": \"admin\", \"username\": \"root\"}"),
				"tls",
				List.of("{\"outdatedNotify\": \"false\"}", "{\"outdatedNotify\": 0}", "{\"outdatedNotify\": 1}",
						"{\"outdatedNotify\": null}", "{\"outdatedNotify\": []}", "{\"outdatedNotify\": {}}",
						"{\"outdatedNotify\": \"yes\"}", "{}", "[false]", "false",
						"{\"outdatedNotify\": false, \"outdatedNotify\": true}"),
				"domain_names",
				List.of("{\"domain_names\": 1}", "{\"domain_names\": true}", "{\"domain_names\": null}",
						"{\"domain_names\": []}", "{\"domain_names\": [\"a.example.com\"]}",
						"{\"domain_names\": {\"name\": \"a.example.com\"}}", "{}",
						"{\"domainNames\": \"a.example.com\"}", "\"a.example.com\"",
						"{\"domain_names\": \"a.example.com\", \"domain_names\": \"b.example.com\"}"),
				"clock",
				List.of("{\"now\": 1}", "{\"now\": true}", "{\"advance\": 30}", "{\"frozen\": \"true\"}",
						"{\"system\": 1}", "{\"now\": null}", "{}", "{\"now\": \"yesterday\"}",
						"{\"advance\": \"30 days\"}", "{\"now\": \"2030-13-45T00:00:00Z\"}",
						"{\"now\": \"+1000000000-12-31T23:59:59Z\"}", "{\"advance\": \"-PT1000000000H\"}",
						"{\"now\": \"1969-12-31T23:59:59Z\"}", "{\"advance\": \"PT9999999999999H\"}"),
				"faults",
				List.of("{\"status\": \"503\"}", "{\"status\": 503.5}", "{\"status\": 200}", "{\"status\": 999}",
						"{\"status\": null}", "{\"delayMs\": \"10\"}", "{\"drop\": \"true\"}",
						"{\"times\": 0, \"status\": 503}", "{\"probability\": 1.5, \"status\": 503}",
						"{\"path\": \"no-slash\", \"status\": 503}", "{\"path\": \"/{\", \"status\": 503}",
						"{\"path\": \"/**/x/**\", \"status\": 503}", "{\"status\": 503, \"method\": 5}",
						"{\"delayMs\": -1}", "{\"delayMs\": 600000}", "{\"after\": -1, \"status\": 503}"),
				"resource",
				List.of(resource("7.5", "100", "10", "5", "5").replace("\"7.5\"", "7.5"),
						resource("\"lots\"", "100", "10", "5", "5"), "{\"cpu_usage\": \"7.5\"}",
						resource("\"7.5\"", "\"100\"", "10", "5", "5"), resource("\"101\"", "100", "10", "5", "5"),
						resource("\"NaN\"", "100", "10", "5", "5"), resource("\"7.5\"", "100", "1000", "5", "5"),
						resource("\"7.5\"", "100", "60", "30", "30"),
						resource("\"7.5\"", "9223372036854775807", "1", "1", "1"),
						"{\"cpu_usage\": \"1\", \"memory_usage\": null}", resource("\"7.5\"", "0", "0", "0", "0"),
						resource("\"7.5\"", "100", "-1", "5", "5"), resource("\"7.5\"", "100.5", "10", "5", "5")),
				"ports",
				List.of("{\"tcp\": [\"80\"]}", "{\"tcp\": [70000]}", "{\"tcp\": [0]}", "{\"tcp\": [null]}",
						"{\"tcp\": 80}", "{\"udp\": [1.5]}", "{\"tcp\": {}}", "{\"udp\": [-1]}", "[]",
						"{\"tcp\": [1], \"tcp\": [2]}"),
				"reset", List.of("{\"tls\": \"yes\"}", "{\"tls\": 1}", "[]", "\"x\"", "42", "{\"tls\": {}}"));
		for (BodyRoute route : bodyRoutes()) {
			for (String body : bodies.get(route.name())) {
				client("wrong type or null", route.name() + ": " + body,
						route.request(utf8(body), this.random.nextBoolean()), BAD);
			}
		}
	}

	private void hugeStrings() {
		String big = "x".repeat(60_000);
		add("huge string", "login: 60 KB user name", loginRoute(json("username", big, "password", "admin")),
				BAD_OR_UNAUTHORIZED);
		add("huge string", "login: 60 KB password", loginRoute(json("username", "admin", "password", big)),
				BAD_OR_UNAUTHORIZED);
		add("huge string", "login: 60 KB sid", loginRoute(json("sid", big)), BAD_OR_UNAUTHORIZED);
		add("huge string", "domain_names: one 60 KB entry", domainNames(json("domain_names", big)), BAD);
		add("huge string", "domain_names: 15 000 entries",
				domainNames(json("domain_names", "a.b,".repeat(14_999) + "a.b")), BAD);
		add("huge string", "domain_names: a 64-character label",
				domainNames(json("domain_names", "x".repeat(64) + ".example.com")), BAD);
		add("huge string", "domain_names: a 254-character name",
				domainNames(json("domain_names", ("x".repeat(62) + ".").repeat(4) + "ab")), BAD);
		add("huge string", "clock: 60 KB instant", control("PUT", "/_emulator/clock", json("now", big)), BAD);
		add("huge string", "clock: 60 KB duration",
				control("PUT", "/_emulator/clock", json("advance", "P" + "9".repeat(60_000) + "D")), BAD);
		add("huge string", "fault: 60 KB message and no effect",
				control("POST", "/_emulator/faults", json("message", big)), BAD);
		add("huge string", "fault: 60 KB bad pattern",
				control("POST", "/_emulator/faults", "{\"status\": 503, \"path\": \"/{" + big + "\"}"), BAD);
		add("huge string", "resource: 60 KB of digits as cpu_usage", control("PUT", "/_emulator/host/resource",
				resource("\"" + "1".repeat(60_000) + "\"", "100", "10", "5", "5")), BAD);
		add("huge string", "domain_names: 64 KiB body exactly (the limit)",
				domainNames(padTo(65_536, "{\"domain_names\": \"", "\"}")), BAD);
		raw("huge string", "10 KB header",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).header("X-Filler", "f".repeat(10_000)),
				BAD);
		raw("huge string", "10 KB path segment",
				RawRequest.of("GET", anyBase() + "/system/" + "s".repeat(10_000)).cookie(this.admin), BAD);
		raw("huge string", "10 KB query string for authLogin.cgi",
				RawRequest.of("GET", "/cgi-bin/authLogin.cgi?user=admin&pwd=" + "p".repeat(10_000)), BAD);
		raw("huge string", "200 header fields", withHeaders(RawRequest.of("GET", anyBase() + "/system"), 200), BAD);
	}

	private void oversizedBodies() {
		for (BodyRoute route : bodyRoutes()) {
			add("oversized body", route.name() + ": 64 KiB + 1",
					route.request(padTo(65_537, "{\"x\": \"", "\"}"), this.random.nextBoolean()), TOO_LARGE);
		}
		add("oversized body", "authLogin.cgi: 64 KiB + 1 form body", RawRequest.of("POST", "/cgi-bin/authLogin.cgi")
			.body("application/x-www-form-urlencoded", padTo(65_537, "user=admin&pwd=", "")), TOO_LARGE);
		add("oversized body", "1 MiB body", domainNames(padTo(1 << 20, "{\"domain_names\": \"", "\"}")), TOO_LARGE);
		raw("oversized body", "9 PB announced, nothing sent",
				RawRequest.of("PUT", anyBase() + "/tls/domain_names")
					.cookie(this.admin)
					.header("Content-Type", "application/json")
					.header("Content-Length", "9999999999999999"),
				TOO_LARGE);
		raw("oversized body", "100 KB chunked", chunked(RawRequest.of("POST", anyBase() + "/login"), 100_000),
				TOO_LARGE);
		add("oversized body", "GET with a 70 KB body",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).json(padTo(70_000, "{\"x\": \"", "\"}")),
				TOO_LARGE);
		add("oversized body", "control API: 70 KB clock change",
				control("PUT", "/_emulator/clock", padTo(70_000, "{\"now\": \"", "\"}")), TOO_LARGE);
	}

	private void invalidUtf8() {
		List<BodyRoute> targets = List.of(loginBody(), domainNamesBody(), clockBody(), faultsBody(), resourceBody());
		for (String hex : INVALID_UTF8) {
			byte[] bad = HexFormat.ofDelimiter(" ").parseHex(hex);
			for (int i = 0; i < 2; i++) {
				BodyRoute route = pick(targets);
				raw("invalid UTF-8", route.name() + ": bytes " + hex,
						route.request(route.withBytes(bad), this.random.nextBoolean()), BAD);
			}
		}
		// Overlong encodings that spell a valid value: "admin" and "a.example.com".
		raw("invalid UTF-8", "login: 'i' of admin as an overlong sequence",
				loginRoute(concat("{\"username\": \"adm", "c1 a9", "n\", \"password\": \"admin\"}")), BAD);
		raw("invalid UTF-8", "domain_names: dots as overlong sequences",
				domainNames(concat("{\"domain_names\": \"a", "c0 ae", "example", "c0 ae", "com\"}")), BAD);
		raw("invalid UTF-8", "raw byte 0xFF in the path",
				RawRequest.of("GET", anyBase() + "/syst\u00ffem").cookie(this.admin), BAD);
		raw("invalid UTF-8", "%FF in the path", RawRequest.of("GET", anyBase() + "/system%FF").cookie(this.admin), BAD);
		raw("invalid UTF-8", "overlong dots in the path",
				RawRequest.of("GET", anyBase() + "/%C0%AE%C0%AE/system").cookie(this.admin), BAD);
		raw("invalid UTF-8", "raw 0xFF inside the user name",
				RawRequest.of("POST", anyBase() + "/login")
					.body("application/json", concat("{\"username\": \"ad", "ff", "min\", \"password\": \"admin\"}")),
				BAD);
	}

	private void unicodeTricks() {
		List<String> names = List.of("admin\\u0000", "ad\\u202emin", "\\uff41dmin", "ad\\u200dmin", "\\ud800",
				"admin\\udfff", "\\ufeffadmin", "admin\\r\\n", "adm\\u0131n", "a\\u0000\\u0000");
		for (String name : names) {
			add("unicode trick", "login: user name " + name,
					loginRoute("{\"username\": \"" + name + "\", \"password\": \"admin\"}"), UNAUTHORIZED);
		}
		add("unicode trick", "login: password admin\\u0000",
				loginRoute("{\"username\": \"admin\", \"password\": \"admin\\u0000\"}"), UNAUTHORIZED);
		add("unicode trick", "login: sid with RTL override", loginRoute("{\"sid\": \"\\u202e" + randomId() + "\"}"),
				UNAUTHORIZED);
		List<String> domains = List.of("a\\u202eexample.com", "ex\\u0430mple.com", "example.com\\u0000",
				"a\\uff0eexample.com", "\\ufeffa.example.com", "a.example.com\\u2028", "\\u00a0a.example.com",
				"a.example.com\\r\\nb.example.com", "\\ud800.example.com", "a.example.com\\u0085");
		for (String domain : domains) {
			add("unicode trick", "domain_names: " + domain, domainNames("{\"domain_names\": \"" + domain + "\"}"), BAD);
		}
		add("unicode trick", "clock: full-width digits",
				control("PUT", "/_emulator/clock", "{\"now\": \"\uff12\uff10\uff13\uff10-01-01T00:00:00Z\"}"), BAD);
		add("unicode trick", "clock: CR/LF after the instant",
				control("PUT", "/_emulator/clock", "{\"now\": \"2030-01-01T00:00:00Z\\r\\n\"}"), BAD);
		add("unicode trick", "resource: Arabic-Indic digits as cpu_usage",
				control("PUT", "/_emulator/host/resource", resource("\"\u0667.\u0665\"", "100", "10", "5", "5")), BAD);
		for (String port : List.of("%EF%BC%98%EF%BC%90", "%D9%A8%D9%A0", "8%E2%80%8B0", "%E2%80%AE08", "80%00",
				"%F0%9D%9F%96%F0%9D%9F%8E")) {
			raw("unicode trick", "port path tcp/" + port,
					RawRequest.of("GET", anyBase() + "/system/port/tcp/" + port).cookie(this.admin), BAD);
		}
		raw("unicode trick", "raw UTF-8 (not percent-encoded) in the path",
				RawRequest.of("GET", anyBase() + "/syst\u00c3\u00a9m").cookie(this.admin), BAD);
		raw("unicode trick", "NUL byte in the path", RawRequest.of("GET", anyBase() + "/sys\u0000tem"), BAD);
	}

	private void pathTricks() {
		List<String> tricks = List.of("/%2e%2e/system", "/system/%2e%2e/tls/export", "/..;/system",
				"/system/..;/tls/export", "/%2e%2e%2fsystem", "/system%2Fresource", "/system/port/tcp%2F5000",
				"/system/port/tcp/%2F5000", "/%252e%252e/system", "/%25%32%65/system", "//system", "/system//resource",
				"/system/.", "/tls/./export", "/tls/../tls/export", "/system%00", "/system;x=1", "/system\\",
				"/system%5C", "/system#fragment", "/system/port/tcp/5000%2e", "/%u002e/system", "/./system",
				"/.%2e/system", "/%2e/system", "/%2E%2E/tls/export", "/system%0d%0aX-Injected:%20yes", "/tls%2fexport",
				"/tls/export;", "/system.", "/system%20", "/tls/export/", "/tls/EXPORT", "/system%09",
				"/tls/export%3F");
		for (String trick : tricks) {
			String base = anyBase();
			// The admin session: whatever the trick reaches, it must be refused, not
			// served.
			raw("path trick", base + trick, RawRequest.of("GET", base + trick).cookie(this.admin), ANY);
		}
		for (String path : List.of("/container-station./api/v1/system", "/container-station/api/v1./system",
				"/container-station/api/v1%2Fsystem", "/api/v1/../v1/system", "/api//v1/system",
				"/containerstation/api/v1/%2e%2e/v1/system", "/cgi-bin/../cgi-bin/authLogin.cgi",
				"/cgi-bin/authLogin.cgi%00", "/cgi-bin//authLogin.cgi", "/cgi-bin/authLogin.cgi;jsessionid=x",
				"/cgi-bin/./authLogin.cgi", "/cgi-bin/authLogin.cgi/x", "/cgi-bin/authlogin.cgi")) {
			raw("path trick", path,
					RawRequest.of("GET", path + (path.contains("authLogin") ? "?user=admin" : "")).cookie(this.admin),
					ANY);
		}
		for (String path : List.of("/_emulator/%2e%2e/_emulator/info", "/_emulator//info", "/_emulator/./info",
				"/_emulator/info;x", "/_emulator%2Finfo", "/_emulator/health/..;/info", "/_emulator/health/../info",
				"/_emulator/health%2F..%2Finfo", "/_emulator/info/", "/_emulator/faults/%2e%2e")) {
			raw("path trick", path, RawRequest.of("GET", path).bearer(this.token), ANY);
		}
	}

	/**
	 * Every route, its path spelled so that it decodes to the route while its raw form
	 * does not name it: a percent-escaped unreserved character (at a random place, either
	 * case of hex), doubled slashes, dot segments and path parameters. Control routes are
	 * sent without the token: none may open.
	 */
	private void pathEncodings() {
		for (String base : ContainerStationApi.BASES) {
			for (Route route : ROUTES) {
				String path = base + route.path();
				for (String variant : encodings(path)) {
					raw("path encoding", route.method() + " " + variant,
							RawRequest.of(route.method(), variant).cookie(this.user), BAD);
				}
			}
			for (String variant : encodings(base + "/login")) {
				raw("path encoding", "POST " + variant,
						RawRequest.of("POST", variant).curlJson(utf8("{\"username\": \"admin\", \"password\": \"x\"}")),
						BAD);
			}
		}
		for (Route route : CONTROL_ROUTES) {
			for (String variant : encodings(route.path())) {
				raw("path encoding", route.method() + " " + variant + " without token",
						RawRequest.of(route.method(), variant), BAD);
			}
		}
		raw("path encoding", "upper-case control base without token", RawRequest.of("GET", "/_EMULATOR/info"),
				Set.of(404));
	}

	private List<String> encodings(String path) {
		List<String> variants = new ArrayList<>();
		List<Integer> unreserved = new ArrayList<>();
		for (int i = 1; i < path.length(); i++) {
			if (path.charAt(i) != '/') {
				unreserved.add(i);
			}
		}
		for (int n = 0; n < 2; n++) {
			int at = unreserved.get(this.random.nextInt(unreserved.size()));
			String hex = HexFormat.of().toHexDigits((byte) path.charAt(at));
			hex = this.random.nextBoolean() ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
			variants.add(path.substring(0, at) + "%" + hex + path.substring(at + 1));
		}
		int slash = path.lastIndexOf('/');
		variants.add(path.substring(0, slash) + "/" + path.substring(slash));
		variants.add(path.substring(0, slash) + "/." + path.substring(slash));
		variants.add(path.substring(0, slash) + "/x/.." + path.substring(slash));
		variants.add(path.substring(0, slash) + ";x=1" + path.substring(slash));
		variants.add(path + ";jsessionid=1");
		return variants;
	}

	private void oddMethods() {
		List<String> methods = List.of("PATCH", "OPTIONS", "TRACE", "FOO", "get", "PROPFIND", "DELETE", "M-SEARCH");
		int i = 0;
		for (String base : ContainerStationApi.BASES) {
			for (Route route : ROUTES) {
				String method = methods.get(i++ % methods.size());
				if (method.equals(route.method())) {
					method = "PATCH";
				}
				raw("odd method", method, RawRequest.of(method, base + route.path()).cookie(this.admin), WRONG_METHOD);
			}
			raw("odd method", "PATCH on login", RawRequest.of("PATCH", base + "/login")
				.json(utf8("{\"username\": \"admin\", \"password\": \"admin\"}")), WRONG_METHOD);
		}
		for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")) {
			raw("odd method", method + " on authLogin.cgi",
					RawRequest.of(method, "/cgi-bin/authLogin.cgi?user=admin&plain_pwd=admin"), WRONG_METHOD);
		}
		for (Route route : CONTROL_ROUTES) {
			String method = methods.get(i++ % methods.size());
			if (method.equals(route.method()) || method.equals("DELETE")) {
				method = "PATCH";
			}
			raw("odd method", method, RawRequest.of(method, route.path()).bearer(this.token), WRONG_METHOD);
		}
		raw("odd method", "OPTIONS on health", RawRequest.of("OPTIONS", "/_emulator/health"), WRONG_METHOD);
		raw("odd method", "CONNECT", RawRequest.of("CONNECT", "127.0.0.1:22"), ANY);
		raw("odd method", "a 1 KB method name", RawRequest.of("X".repeat(1024), anyBase() + "/system"), ANY);
	}

	private void badHeaders() {
		String domains = "{\"domain_names\": \"robust.example.com\"}";
		raw("bad header", "no Host", RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).withoutHost(), BAD);
		raw("bad header", "two Host fields",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).header("Host", "other.example"), BAD);
		raw("bad header", "two Content-Type fields that disagree",
				domainNames(utf8(domains)).header("Content-Type", "text/plain"), BAD);
		raw("bad header", "two Content-Type fields on POST /tls",
				RawRequest.of("POST", anyBase() + "/tls")
					.cookie(this.admin)
					.json(utf8("{\"outdatedNotify\": true}"))
					.header("Content-Type", "application/xml"),
				BAD);
		raw("bad header", "two Content-Type fields on login",
				loginRoute("{\"username\": \"admin\", \"password\": \"admin\"}").header("Content-Type",
						"multipart/form-data"),
				BAD);
		raw("bad header", "two Cookie fields, both forged",
				RawRequest.of("GET", anyBase() + "/system")
					.header("Cookie", "CS_SESS_ID=" + randomId())
					.header("Cookie", "CS_SESS_ID=" + randomId()),
				UNAUTHORIZED);
		raw("bad header", "two Content-Length fields that disagree",
				domainNames(utf8(domains)).header("Content-Length", "3"), BAD);
		raw("bad header", "negative Content-Length",
				RawRequest.of("POST", anyBase() + "/login").header("Content-Length", "-1"), BAD);
		raw("bad header", "Content-Length not a number",
				RawRequest.of("POST", anyBase() + "/login").header("Content-Length", "ten"), BAD);
		raw("bad header", "Content-Length and chunked, empty chunked body",
				RawRequest.of("POST", anyBase() + "/login")
					.header("Content-Type", "application/json")
					.header("Content-Length", "2")
					.header("Transfer-Encoding", "chunked")
					.body(null, utf8("0\r\n\r\n"))
					.withoutContentLength(),
				BAD);
		raw("bad header", "Transfer-Encoding: gzip",
				RawRequest.of("POST", anyBase() + "/login")
					.header("Transfer-Encoding", "gzip")
					.body("application/json", utf8("{}"))
					.withoutContentLength(),
				BAD);
		raw("bad header", "chunk size not hexadecimal",
				RawRequest.of("POST", anyBase() + "/login")
					.header("Transfer-Encoding", "chunked")
					.body("application/json", utf8("ZZ\r\n{}\r\n0\r\n\r\n"))
					.withoutContentLength(),
				BAD);
		raw("bad header", "chunk size overflowing",
				RawRequest.of("POST", anyBase() + "/login")
					.header("Transfer-Encoding", "chunked")
					.body("application/json", utf8("FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"))
					.withoutContentLength(),
				BAD);
		raw("bad header", "CR inside a value",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).line("X-Note: a\rb"), BAD);
		raw("bad header", "CR inside the cookie",
				RawRequest.of("GET", anyBase() + "/system").line("Cookie: CS_SESS_ID=" + this.admin + "\rX: y"), ANY);
		raw("bad header", "CR inside the scope header",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).line("X-Emulator-Scope: a\rb"), BAD);
		raw("bad header", "NUL inside a value",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).line("X-Note: a\u0000b"), BAD);
		raw("bad header", "line without a colon",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).line("Broken header line"), BAD);
		raw("bad header", "space inside a name",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).line("X Note: b"), BAD);
		raw("bad header", "space before the colon",
				RawRequest.of("GET", anyBase() + "/system").cookie(this.admin).line("X-Note : b"), BAD);
		raw("bad header", "Expect: something unknown", loginRoute("{}").header("Expect", "teleport"), ANY);
		for (String type : List.of(";;;", "application/json; charset=x-bogus", "application/json; charset=utf-16",
				"multipart/form-data", "multipart/form-data; boundary=zz", "application/xml", "text/plain; charset")) {
			RawRequest request = RawRequest.of("PUT", anyBase() + "/tls/domain_names")
				.cookie(this.admin)
				.body(type, type.startsWith("multipart") ? utf8("--zz\r\nbroken\r\n\r\n\r\n") : utf8("{\"x\": 1}"));
			raw("bad header", "Content-Type " + type, request, BAD);
		}
		raw("bad header", "multipart without boundary to authLogin.cgi",
				RawRequest.of("POST", "/cgi-bin/authLogin.cgi").body("multipart/form-data", utf8("user=admin")), BAD);
		raw("bad header", "multipart with a broken body to authLogin.cgi",
				RawRequest.of("POST", "/cgi-bin/authLogin.cgi")
					.body("multipart/form-data; boundary=zz", utf8("--zz\r\nbroken\r\n\r\n\r\n")),
				BAD);
		for (String origin : List.of("http://evil.example", "null", "ht!tp://[::", "http://127.0.0.1.evil.example")) {
			raw("bad header", "cross-site Origin " + origin,
					domainNames(utf8("{\"domain_names\": \"evil.example\"}")).header("Origin", origin), FORBIDDEN);
		}
	}

	private void badRequestLines() {
		raw("bad request line", "HTTP/2.0", RawRequest.of("GET", anyBase() + "/system").version("HTTP/2.0"), BAD);
		raw("bad request line", "HTTP/1.2", RawRequest.of("GET", anyBase() + "/system").version("HTTP/1.2"), BAD);
		raw("bad request line", "HTTP/9.9", RawRequest.of("GET", anyBase() + "/system").version("HTTP/9.9"), BAD);
		raw("bad request line", "absolute URI of another host",
				RawRequest.of("GET", "http://evil.example" + anyBase() + "/system"), BAD);
		raw("bad request line", "asterisk target with GET", RawRequest.of("GET", "*"), BAD);
		raw("bad request line", "20 KB target", RawRequest.of("GET", "/" + "a".repeat(20_000)), BAD);
		raw("bad request line", "target with a raw space", RawRequest.of("GET", anyBase() + "/sys tem"), ANY);
		raw("bad request line", "target with a raw brace",
				RawRequest.of("GET", "/_emulator/requests?path=/{").bearer(this.token), BAD);
		rawBytes("bad request line", "binary garbage", new byte[] { 0, 1, 2, 3, '\r', '\n', '\r', '\n' }, BAD);
		rawBytes("bad request line", "TLS ClientHello on the HTTP port",
				HexFormat.of()
					.parseHex("160301002a0100002603035a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"
							+ "5a5a5a5a0000020035010000000d0a0d0a"),
				BAD);
	}

	private void badQueries() {
		for (String query : List.of("user=%ZZ", "user=admin&pwd=%FF", "user=admin&pwd=%C0%AE", "user=%",
				"user=admin&plain_pwd=%E2%82", "user=admin%", "%ZZ=1", "user=admin&security_code=%F0%28%8C%28")) {
			raw("bad query", "authLogin.cgi?" + query, RawRequest.of("GET", "/cgi-bin/authLogin.cgi?" + query), BAD);
			raw("bad query", "POST authLogin.cgi?" + query, RawRequest.of("POST", "/cgi-bin/authLogin.cgi?" + query)
				.body("application/x-www-form-urlencoded", utf8("plain_pwd=admin")), BAD);
		}
		for (String query : List.of("method=%ZZ", "since=%FF", "path=%2F%7B", "since=yesterday", "path=/**/x/**",
				"scope=%C0%AE")) {
			raw("bad query", "journal ?" + query,
					RawRequest.of("GET", "/_emulator/requests?" + query).bearer(this.token), BAD);
			raw("bad query", "journal count ?" + query,
					RawRequest.of("GET", "/_emulator/requests/count?" + query).bearer(this.token), BAD);
		}
		raw("bad query", "unknown control route",
				RawRequest.of("GET", "/_emulator/metrics/no.such.metric").bearer(this.token), Set.of(404));
	}

	private void generatedDomainNames() {
		for (int i = 0; i < 40; i++) {
			InputGenerators.Generated generated = InputGenerators.invalidDomainNames(this.random);
			add("generated domain_names", generated.defect() + ": " + generated.value(),
					domainNames(json("domain_names", generated.value())), BAD);
		}
	}

	private void generatedPortPaths() {
		for (int i = 0; i < 40; i++) {
			InputGenerators.Generated generated = InputGenerators.invalidPortPath(this.random);
			raw("generated port path", generated.defect() + ": " + generated.value(),
					RawRequest.of("GET", anyBase() + "/system/port/" + generated.value()).cookie(this.admin), ANY);
		}
	}

	// Building blocks

	private List<BodyRoute> bodyRoutes() {
		return List
			.of(loginBody(),
					new BodyRoute("tls", () -> RawRequest.of("POST", anyBase() + "/tls").cookie(this.admin),
							"{\"outdatedNotify\": false}"),
					domainNamesBody(), clockBody(), faultsBody(), resourceBody(),
					new BodyRoute("ports", () -> RawRequest.of("PUT", "/_emulator/host/ports").bearer(this.token),
							"{\"tcp\": [5000], \"udp\": []}"),
					new BodyRoute("reset", () -> RawRequest.of("POST", "/_emulator/reset").bearer(this.token),
							"{\"tls\": false}"));
	}

	private BodyRoute loginBody() {
		return new BodyRoute("login", () -> RawRequest.of("POST", anyBase() + "/login"),
				"{\"username\": \"admin\", \"password\": \"admin\"}");
	}

	private BodyRoute domainNamesBody() {
		return new BodyRoute("domain_names",
				() -> RawRequest.of("PUT", anyBase() + "/tls/domain_names").cookie(this.admin),
				"{\"domain_names\": \"a.example.com,10.0.0.5\"}");
	}

	private BodyRoute clockBody() {
		return new BodyRoute("clock", () -> RawRequest.of("PUT", "/_emulator/clock").bearer(this.token),
				"{\"now\": \"2030-01-01T00:00:00Z\"}");
	}

	private BodyRoute faultsBody() {
		return new BodyRoute("faults", () -> RawRequest.of("POST", "/_emulator/faults").bearer(this.token),
				"{\"method\": \"GET\", \"path\": \"/system\", \"status\": 503, \"times\": 1}");
	}

	private BodyRoute resourceBody() {
		return new BodyRoute("resource", () -> RawRequest.of("PUT", "/_emulator/host/resource").bearer(this.token),
				resource("\"7.5\"", "100", "10", "5", "5"));
	}

	private RawRequest loginRoute(String body) {
		return loginRoute(utf8(body));
	}

	private RawRequest loginRoute(byte[] body) {
		return RawRequest.of("POST", anyBase() + "/login").curlJson(body);
	}

	private RawRequest domainNames(String body) {
		return domainNames(utf8(body));
	}

	private RawRequest domainNames(byte[] body) {
		return RawRequest.of("PUT", anyBase() + "/tls/domain_names").cookie(this.admin).curlJson(body);
	}

	private RawRequest control(String method, String path, String body) {
		return control(method, path, utf8(body));
	}

	private RawRequest control(String method, String path, byte[] body) {
		return RawRequest.of(method, path).bearer(this.token).json(body);
	}

	private static String resource(String cpu, String total, String used, String buffers, String cached) {
		return "{\"cpu_usage\": " + cpu + ", \"memory_usage\": {\"total\": " + total + ", \"used\": " + used
				+ ", \"buffers\": " + buffers + ", \"cached\": " + cached + "}}";
	}

	private static String json(String... namesAndValues) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return JSON.writeValueAsString(fields);
	}

	private static byte[] padTo(int size, String prefix, String suffix) {
		int padding = size - prefix.length() - suffix.length();
		return utf8(prefix + "x".repeat(padding) + suffix);
	}

	/** Text and hexadecimal byte runs, alternately, starting with text. */
	private static byte[] concat(String... parts) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < parts.length; i++) {
			bytes.writeBytes((i % 2 == 0) ? utf8(parts[i]) : HexFormat.ofDelimiter(" ").parseHex(parts[i]));
		}
		return bytes.toByteArray();
	}

	private RawRequest chunked(RawRequest request, int size) {
		StringBuilder body = new StringBuilder();
		int sent = 0;
		while (sent < size) {
			int n = Math.min(8192, size - sent);
			body.append(Integer.toHexString(n)).append("\r\n").append("x".repeat(n)).append("\r\n");
			sent += n;
		}
		body.append("0\r\n\r\n");
		return request.header("Transfer-Encoding", "chunked")
			.body("application/json", utf8(body.toString()))
			.withoutContentLength();
	}

	private static RawRequest withHeaders(RawRequest request, int count) {
		for (int i = 0; i < count; i++) {
			request.header("X-Header-" + i, "v");
		}
		return request;
	}

	private String anyBase() {
		return pick(ContainerStationApi.BASES);
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private String randomId() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String base64(String text) {
		return java.util.Base64.getEncoder().encodeToString(utf8(text));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void client(String category, String name, RawRequest request, Set<Integer> expected) {
		this.cases.add(new BadRequest(category, name, request, false, expected));
	}

	private void raw(String category, String name, RawRequest request, Set<Integer> expected) {
		this.cases.add(new BadRequest(category, name, request, true, expected));
	}

	/** Large or binary bodies: over the socket, where nothing re-encodes them. */
	private void add(String category, String name, RawRequest request, Set<Integer> expected) {
		raw(category, name, request, expected);
	}

	private void rawBytes(String category, String name, byte[] bytes, Set<Integer> expected) {
		this.cases.add(new BadRequest(category, name, RawRequest.verbatim(bytes), true, expected));
	}

	/**
	 * A route below the API base.
	 *
	 * @param method its method
	 * @param path its path, below the base for the emulated API
	 * @param admin whether only administrators may call it
	 * @param body a valid body, for routes that take one
	 */
	private record Route(String method, String path, boolean admin, String body) {
	}

	/**
	 * A cookie or Authorization header value with a name for the test.
	 *
	 * @param name what it is
	 * @param value the value
	 */
	private record Cookie(String name, String value) {
	}

	/**
	 * A route that takes a body, with how to address it and a valid body to spoil.
	 *
	 * @param name a short name
	 * @param target the request without its body
	 * @param template a valid body
	 */
	private record BodyRoute(String name, Supplier<RawRequest> target, String template) {

		/**
		 * The request with the body, typed as curl sends it or as JSON. A body that does
		 * not start like JSON is always typed JSON: with curl's form type it would be
		 * read, by design, as a form whose one odd field a route may ignore.
		 */
		RawRequest request(byte[] body, boolean curlStyle) {
			RawRequest request = this.target.get();
			return (curlStyle && looksLikeJson(body)) ? request.curlJson(body) : request.json(body);
		}

		private static boolean looksLikeJson(byte[] body) {
			return body.length > 0 && (body[0] == '{' || body[0] == '[' || body[0] == '"');
		}

		/** The template with the bytes inside its first string value. */
		byte[] withBytes(byte[] bytes) {
			int quote = this.template.indexOf("\": \"") + 4;
			return concat(this.template.substring(0, quote), HexFormat.ofDelimiter(" ").formatHex(bytes),
					this.template.substring(quote));
		}

	}

}
