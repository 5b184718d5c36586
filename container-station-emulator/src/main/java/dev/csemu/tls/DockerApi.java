package dev.csemu.tls;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Docker Engine routes the Docker endpoint answers, over HTTP/1.1 with keep-alive:
 * {@code /_ping} and {@code /version}, with or without an API version prefix
 * ({@code /v1.41/version}), as the Docker Engine of Container Station 2.4.0.2316 answers
 * them. Anything else is Docker's 404 {@code {"message": "page not found"}}.
 */
final class DockerApi {

	/** The newest and the oldest Docker API version that engine serves. */
	static final String API_VERSION = "1.41";

	static final String MIN_API_VERSION = "1.12";

	private static final Pattern VERSIONED = Pattern.compile("/v([0-9]{1,4}(?:\\.[0-9]{1,4})?)(/.*)");

	private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]{1,16}) (\\S{1,4096}) HTTP/1\\.([01])");

	/**
	 * The most a request head may hold; Docker's own requests are a few hundred bytes.
	 */
	private static final int MAX_HEAD = 16 * 1024;

	/** The most body bytes read and dropped to keep a connection open. */
	private static final long MAX_DISCARDED_BODY = 1024 * 1024;

	private static final String JSON = "application/json";

	private final JsonMapper jsonMapper;

	private final String engineVersion;

	/** The answers by method and path (without the version prefix). */
	private final Map<String, Answer> routes;

	private final Answer notFound;

	/**
	 * The answers of an engine.
	 * @param engineVersion the product's docker version ({@code dockerVersion} in
	 * {@code /system}, from {@code emulator.host.product.version.docker-version})
	 */
	DockerApi(JsonMapper jsonMapper, String engineVersion) {
		this.jsonMapper = jsonMapper;
		this.engineVersion = engineVersion;
		Answer ping = new Answer(200, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.US_ASCII),
				"\r\nCache-Control: no-cache, no-store, must-revalidate\r\nPragma: no-cache");
		this.routes = Map.of("GET /_ping", ping, "HEAD /_ping", ping, "GET /version",
				json(200, version(engineVersion)));
		this.notFound = json(404, Map.of("message", "page not found"));
	}

	/**
	 * Answers the requests of one connection until the client or an answer closes it.
	 * @param clientCheck refuses a client certificate that is no longer accepted
	 * @param idleDeadline starts the deadline for the next request's head
	 */
	void serve(SSLSocket socket, ClientCheck clientCheck, Supplier<ScheduledFuture<?>> idleDeadline)
			throws IOException {
		InputStream in = new BufferedInputStream(socket.getInputStream());
		OutputStream out = socket.getOutputStream();
		boolean keepAlive = true;
		while (keepAlive) {
			ScheduledFuture<?> deadline = idleDeadline.get();
			Request request;
			try {
				request = Request.read(in);
			}
			finally {
				deadline.cancel(false);
			}
			if (request == null) {
				return;
			}
			if (request.method() == null) {
				send(out, "GET", json(400, Map.of("message", "bad request")), false);
				return;
			}
			keepAlive = request.keepAlive() && discardBody(in, request);
			Answer answer;
			try {
				// Checked on every request: a connection or a resumed session that began
				// before a rotation must not outlive it.
				clientCheck.check((X509Certificate) socket.getSession().getPeerCertificates()[0]);
				answer = answer(request);
			}
			catch (SSLPeerUnverifiedException | CertificateException | ClassCastException ex) {
				socket.getSession().invalidate();
				answer = json(403, Map.of("message", "client certificate refused: " + ex.getMessage()));
				keepAlive = false;
			}
			send(out, request.method(), answer, keepAlive);
			out.flush();
		}
	}

	private Answer answer(Request request) {
		String path = request.path();
		Matcher versioned = VERSIONED.matcher(path);
		if (versioned.matches()) {
			String requested = versioned.group(1);
			if (compare(requested, API_VERSION) > 0) {
				return json(400, Map.of("message", "client version " + requested
						+ " is too new. Maximum supported API version is " + API_VERSION));
			}
			if (compare(requested, MIN_API_VERSION) < 0) {
				return json(400,
						Map.of("message",
								"client version " + requested + " is too old. Minimum supported API version is "
										+ MIN_API_VERSION + ", please upgrade your client to a newer version"));
			}
			path = versioned.group(2);
		}
		return this.routes.getOrDefault(request.method() + " " + path, this.notFound);
	}

	private void send(OutputStream out, String method, Answer answer, boolean keepAlive) throws IOException {
		String head = "HTTP/1.1 " + answer.status() + " " + switch (answer.status()) {
			case 200 -> "OK";
			case 400 -> "Bad Request";
			case 403 -> "Forbidden";
			default -> "Not Found";
		} + "\r\nApi-Version: " + API_VERSION + "\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: Docker/"
				+ this.engineVersion + " (linux)\r\nDate: "
				+ DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\nContent-Type: "
				+ answer.contentType() + "\r\nContent-Length: " + answer.body().length + answer.extraHeaders()
				+ (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n";
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		if (!method.equals("HEAD")) {
			out.write(answer.body());
		}
	}

	/** Reads and drops a small body; false when the connection cannot be reused. */
	private static boolean discardBody(InputStream in, Request request) throws IOException {
		if (request.headers().containsKey("transfer-encoding")) {
			return false;
		}
		long remaining;
		try {
			remaining = Long.parseLong(request.headers().getOrDefault("content-length", "0").trim());
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (remaining < 0 || remaining > MAX_DISCARDED_BODY) {
			return false;
		}
		while (remaining > 0) {
			long skipped = in.skip(remaining);
			if (skipped <= 0) {
				if (in.read() < 0) {
					return false;
				}
				skipped = 1;
			}
			remaining -= skipped;
		}
		return true;
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

	private Answer json(int status, Object body) {
		return new Answer(status, JSON, this.jsonMapper.writeValueAsBytes(body), "");
	}

	/** Docker Engine's {@code GET /version}, in its field order. */
	private static Map<String, Object> version(String engineVersion) {
		String arch = goArch(System.getProperty("os.arch", ""));
		String kernel = System.getProperty("os.version", "");
		String gitCommit = "46229ca";
		String goVersion = "go1.13.15";
		String buildTime = "2021-02-02T01:24:16.000000000+00:00";
		Map<String, Object> details = ordered("ApiVersion", API_VERSION, "Arch", arch, "BuildTime", buildTime,
				"Experimental", "false", "GitCommit", gitCommit, "GoVersion", goVersion, "KernelVersion", kernel,
				"MinAPIVersion", MIN_API_VERSION, "Os", "linux");
		return ordered("Platform", Map.of("Name", "Docker Engine - Community"), "Components",
				List.of(ordered("Name", "Engine", "Version", engineVersion, "Details", details)), "Version",
				engineVersion, "ApiVersion", API_VERSION, "MinAPIVersion", MIN_API_VERSION, "GitCommit", gitCommit,
				"GoVersion", goVersion, "Os", "linux", "Arch", arch, "KernelVersion", kernel, "BuildTime", buildTime);
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/** Go's name of the JVM's {@code os.arch}. */
	static String goArch(String javaArch) {
		return switch (javaArch.toLowerCase(Locale.ROOT)) {
			case "amd64", "x86_64" -> "amd64";
			case "aarch64", "arm64" -> "arm64";
			case "arm", "armv7l" -> "arm";
			case "x86", "i386", "i686" -> "386";
			default -> javaArch;
		};
	}

	/** Refuses a client certificate the current material no longer accepts. */
	@FunctionalInterface
	interface ClientCheck {

		void check(X509Certificate certificate) throws CertificateException;

	}

	/** An answer; {@code extraHeaders} each start with CRLF. */
	private record Answer(int status, String contentType, byte[] body, String extraHeaders) {
	}

	/**
	 * A request's head.
	 *
	 * @param method the method, or null for a malformed request
	 * @param path the decoded path, without the query
	 * @param headers the headers, names in lower case
	 * @param keepAlive whether the client keeps the connection open
	 */
	private record Request(String method, String path, Map<String, String> headers, boolean keepAlive) {

		private static final Request MALFORMED = new Request(null, null, Map.of(), false);

		/** The next request's head, or null at the end of the stream. */
		static Request read(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int matched = 0;
			while (matched < 4) {
				int b = in.read();
				if (b < 0) {
					return null;
				}
				if (head.size() >= MAX_HEAD) {
					return MALFORMED;
				}
				head.write(b);
				matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
			Matcher line = REQUEST_LINE.matcher(lines[0]);
			if (!line.matches()) {
				return MALFORMED;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon <= 0) {
					return MALFORMED;
				}
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			String path;
			try {
				path = URI.create(line.group(2)).getPath();
			}
			catch (IllegalArgumentException ex) {
				return MALFORMED;
			}
			String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
			boolean keepAlive = line.group(3).equals("1") ? !connection.contains("close")
					: connection.contains("keep-alive");
			return new Request(line.group(1), (path != null) ? path : "", headers, keepAlive);
		}

	}

}
