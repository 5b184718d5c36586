package dev.csemu.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The vendor's login call, as curl sends it: a JSON body labelled as a form. */
final class SignIn {

	private static final HttpClient http = HttpClient.newHttpClient();

	private SignIn() {
	}

	static HttpResponse<String> login(URI baseUrl, String user, String password)
			throws IOException, InterruptedException {
		String body = "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}";
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/container-station/api/v1/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
