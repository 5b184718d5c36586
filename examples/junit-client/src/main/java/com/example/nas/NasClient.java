package com.example.nas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The code under test in this example: a small Container Station client that signs in the
 * way the vendor's documentation does (a JSON body sent as a form, like {@code curl -d})
 * and keeps the session cookie.
 */
public final class NasClient {

	private final URI api;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String scope;

	private String cookie;

	public NasClient(URI apiUrl) {
		this(apiUrl, null);
	}

	private NasClient(URI apiUrl, String scope) {
		this.api = apiUrl;
		this.scope = scope;
	}

	/**
	 * A client whose requests carry {@code X-Emulator-Scope}, so that faults can aim at
	 * it.
	 * @param scope the scope
	 * @return a new client, not signed in
	 */
	public NasClient scoped(String scope) {
		return new NasClient(this.api, scope);
	}

	public HttpResponse<String> login(String username, String password) {
		HttpResponse<String> response = send(
				request("/login").header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")));
		if (response.statusCode() == 200) {
			this.cookie = response.headers().firstValue("Set-Cookie").map((value) -> value.split(";")[0]).orElse(null);
		}
		return response;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public HttpResponse<String> put(String path) {
		return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
	}

	public boolean signedIn() {
		return this.cookie != null;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.api + path))
			.timeout(Duration.ofSeconds(10));
		if (this.cookie != null) {
			builder.header("Cookie", this.cookie);
		}
		if (this.scope != null) {
			builder.header("X-Emulator-Scope", this.scope);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
