package dev.csemu.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few Docker Engine routes the endpoint answers: {@code /_ping} and {@code /version},
 * with or without an API version prefix ({@code /v1.41/version}). Anything else is
 * Docker's 404 {@code {"message": "page not found"}}.
 */
final class DockerApiHandler implements HttpHandler {

	private static final Pattern VERSIONED = Pattern.compile("/v([0-9]{1,4}(?:\\.[0-9]{1,4})?)(/.*)");

	private static final String JSON = "application/json";

	private final ClientCertificateCheck check;

	private final JsonMapper jsonMapper;

	private final byte[] version;

	private final byte[] notFound;

	DockerApiHandler(ClientCertificateCheck check, JsonMapper jsonMapper) {
		this.check = check;
		this.jsonMapper = jsonMapper;
		this.version = jsonMapper.writeValueAsBytes(DockerVersion.current());
		this.notFound = message("page not found");
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Headers headers = exchange.getResponseHeaders();
			headers.set("Api-Version", DockerVersion.API_VERSION);
			headers.set("Docker-Experimental", "false");
			headers.set("Ostype", "linux");
			headers.set("Server", "Docker/" + DockerVersion.ENGINE_VERSION + " (linux)");
			exchange.getRequestBody().readAllBytes();
			if (exchange instanceof HttpsExchange https && !stillAccepted(https)) {
				return;
			}
			String path = exchange.getRequestURI().getPath();
			Matcher versioned = VERSIONED.matcher(path);
			if (versioned.matches()) {
				String refusal = refusal(versioned.group(1));
				if (refusal != null) {
					send(exchange, 400, JSON, message(refusal));
					return;
				}
				path = versioned.group(2);
			}
			String method = exchange.getRequestMethod();
			if (path.equals("/_ping") && (method.equals("GET") || method.equals("HEAD"))) {
				headers.set("Cache-Control", "no-cache, no-store, must-revalidate");
				headers.set("Pragma", "no-cache");
				send(exchange, 200, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.US_ASCII));
			}
			else if (path.equals("/version") && method.equals("GET")) {
				send(exchange, 200, JSON, this.version);
			}
			else {
				send(exchange, 404, JSON, this.notFound);
			}
		}
	}

	/**
	 * Checks the client certificate again on every request: a connection or a resumed
	 * session that began before a rotation must not outlive it.
	 */
	private boolean stillAccepted(HttpsExchange exchange) throws IOException {
		SSLSession session = exchange.getSSLSession();
		try {
			Certificate[] peer = session.getPeerCertificates();
			this.check.check((X509Certificate) peer[0]);
			return true;
		}
		catch (SSLPeerUnverifiedException | CertificateException | ClassCastException ex) {
			session.invalidate();
			send(exchange, 403, JSON, message("client certificate refused: " + ex.getMessage()));
			return false;
		}
	}

	/** Docker's answer to an API version it does not serve, or null when it serves it. */
	private static String refusal(String requested) {
		if (compare(requested, DockerVersion.API_VERSION) > 0) {
			return "client version " + requested + " is too new. Maximum supported API version is "
					+ DockerVersion.API_VERSION;
		}
		if (compare(requested, DockerVersion.MIN_API_VERSION) < 0) {
			return "client version " + requested + " is too old. Minimum supported API version is "
					+ DockerVersion.MIN_API_VERSION + ", please upgrade your client to a newer version";
		}
		return null;
	}

	static int compare(String left, String right) {
		String[] a = left.split("\\.");
		String[] b = right.split("\\.");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			int x = (i < a.length) ? Integer.parseInt(a[i]) : 0;
			int y = (i < b.length) ? Integer.parseInt(b[i]) : 0;
			if (x != y) {
				return Integer.compare(x, y);
			}
		}
		return 0;
	}

	private byte[] message(String text) {
		return this.jsonMapper.writeValueAsBytes(new DockerMessage(text));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if (exchange.getRequestMethod().equals("HEAD")) {
			exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * Docker's error body.
	 *
	 * @param message the reason
	 */
	record DockerMessage(String message) {
	}

}
