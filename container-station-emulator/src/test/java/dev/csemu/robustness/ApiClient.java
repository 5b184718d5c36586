package dev.csemu.robustness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain client of a running emulator over loopback ({@code java.net.http}, connections
 * kept alive), for load: many calls from many threads, the session cookie handled by
 * hand.
 */
final class ApiClient {

	static final String API = "/container-station/api/v1";

	private static final Pattern SESSION_COOKIE = Pattern.compile("CS_SESS_ID=([^;]*)");

	private static final Pattern SID = Pattern.compile("<authSid><!\\[CDATA\\[([^\\]]*)]]>");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String origin;

	private final String token;

	ApiClient(int port, String token) {
		this.origin = "http://127.0.0.1:" + port;
		this.token = token;
	}

	/**
	 * One call.
	 * @param method the method
	 * @param path the path and query
	 * @param session a session id for the cookie, or null
	 * @param body a JSON body sent as curl does (form content type), or null
	 * @return the answer
	 * @throws IOException when the connection fails
	 */
	Answer send(String method, String path, String session, String body) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.origin + path)).timeout(TIMEOUT);
		if (session != null) {
			request.header("Cookie", "CS_SESS_ID=" + session);
		}
		if (path.startsWith("/_emulator/")) {
			request.header("Authorization", "Bearer " + this.token);
		}
		if (body != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded");
			request.method(method, BodyPublishers.ofString(body));
		}
		else {
			request.method(method, BodyPublishers.noBody());
		}
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofByteArray());
			String cookie = response.headers().firstValue("Set-Cookie").orElse(null);
			return new Answer(response.statusCode(), cookie, response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/**
	 * Signs in with a password.
	 * @param username the user
	 * @param password the password
	 * @return the login answer, whose session id is {@link Answer#session()}
	 * @throws IOException when the connection fails
	 */
	Answer login(String username, String password) throws IOException {
		return send("POST", API + "/login", null,
				"{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
	}

	/**
	 * Signs in through QTS's authLogin.cgi and then with the sid.
	 * @param username the user
	 * @param password the password
	 * @return the login answer
	 * @throws IOException when the connection fails
	 */
	Answer loginWithSid(String username, String password) throws IOException {
		String pwd = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
		Answer qts = send("GET", "/cgi-bin/authLogin.cgi?user=" + username + "&pwd=" + pwd, null, null);
		Matcher sid = SID.matcher(qts.text());
		if (qts.status() != 200 || !sid.find()) {
			return qts;
		}
		return send("POST", API + "/login", null, "{\"sid\": \"" + sid.group(1) + "\"}");
	}

	/**
	 * An answer.
	 *
	 * @param status the status
	 * @param setCookie the Set-Cookie header, or null
	 * @param body the body
	 */
	record Answer(int status, String setCookie, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/** The session id a login set, or null. */
		String session() {
			if (this.setCookie == null) {
				return null;
			}
			Matcher matcher = SESSION_COOKIE.matcher(this.setCookie);
			return matcher.find() ? matcher.group(1) : null;
		}

	}

}
