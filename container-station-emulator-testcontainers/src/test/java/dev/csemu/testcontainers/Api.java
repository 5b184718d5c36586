package dev.csemu.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Container Station API on a running container, as a Java client calls it.
 */
final class Api {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final URI apiUrl;

	Api(URI apiUrl) {
		this.apiUrl = apiUrl;
	}

	/**
	 * Signs in with a password.
	 * @return the answer, with the session cookie when it succeeded
	 */
	Answer login(String username, String password) {
		return send("POST", "/login", "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}", null);
	}

	Answer get(String path, String cookie) {
		return send("GET", path, null, cookie);
	}

	Answer send(String method, String path, String body, String cookie) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.apiUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (cookie != null) {
			request.header("Cookie", "CS_SESS_ID=" + cookie);
		}
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			String session = response.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((value) -> value.startsWith("CS_SESS_ID="))
				.map((value) -> value.substring("CS_SESS_ID=".length()).split(";", 2)[0])
				.findFirst()
				.orElse(null);
			return new Answer(response.statusCode(), json.readTree(response.body()), session);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body
	 * @param cookie the session cookie set, or null
	 */
	record Answer(int status, JsonNode body, String cookie) {

		String text(String field) {
			return this.body.path(field).asString();
		}

		int errorCode() {
			return this.body.path("error").path("code").asInt();
		}

	}

}
