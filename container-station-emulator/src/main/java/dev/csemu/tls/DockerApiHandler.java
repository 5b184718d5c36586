package dev.csemu.tls;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import tools.jackson.databind.json.JsonMapper;

/**
 * The few Docker Engine routes the endpoint answers, over HTTP/1.1 with keep-alive:
 * {@code /_ping} and {@code /version}, with or without an API version prefix
 * ({@code /v1.41/version}). Anything else is Docker's 404 {@code {"message": "page not
 * found"}}.
 */
final class DockerApiHandler {

	private static final Pattern VERSIONED = Pattern.compile("/v([0-9]{1,4}(?:\\.[0-9]{1,4})?)(/.*)");

	private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]{1,16}) (\\S{1,4096}) HTTP/1\\.([01])");

	/**
	 * The most a request head may hold; Docker's own requests are a few hundred bytes.
	 */
	private static final int MAX_HEAD = 16 * 1024;

	/** The most body bytes read and dropped to keep a connection open. */
	private static final long MAX_DISCARDED_BODY = 1024 * 1024;

	private static final String JSON = "application/json";

	private final ClientCertificateCheck check;

	private final JsonMapper jsonMapper;

	private final String engineVersion;

	private final byte[] version;

	private final byte[] notFound;

	DockerApiHandler(ClientCertificateCheck check, JsonMapper jsonMapper, String engineVersion) {
		this.check = check;
		this.jsonMapper = jsonMapper;
		this.engineVersion = engineVersion;
		this.version = jsonMapper.writeValueAsBytes(DockerVersion.current(engineVersion));
		this.notFound = message("page not found");
	}

	/**
	 * Answers the requests of one connection until the client closes it or one answer
	 * closes it.
	 * @param socket the connection, its handshake done
	 * @param idleDeadline starts the deadline for the next request's head
	 * @throws IOException when the connection breaks
	 */
	void serve(SSLSocket socket, Supplier<ScheduledFuture<?>> idleDeadline) throws IOException {
		InputStream in = new BufferedInputStream(socket.getInputStream());
		OutputStream out = socket.getOutputStream();
		while (true) {
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
			if (request.malformed()) {
				send(out, "GET", 400, JSON, message("bad request"), false);
				return;
			}
			boolean keepAlive = request.keepAlive() && discardBody(in, request);
			keepAlive &= answer(socket.getSession(), request, out, keepAlive);
			out.flush();
			if (!keepAlive) {
				return;
			}
		}
	}

	private boolean answer(SSLSession session, Request request, OutputStream out, boolean keepAlive)
			throws IOException {
		String refusedBecause = stillAccepted(session);
		if (refusedBecause != null) {
			session.invalidate();
			send(out, request.method(), 403, JSON, message("client certificate refused: " + refusedBecause), false);
			return false;
		}
		String path = request.path();
		Matcher versioned = VERSIONED.matcher(path);
		if (versioned.matches()) {
			String refusal = refusal(versioned.group(1));
			if (refusal != null) {
				send(out, request.method(), 400, JSON, message(refusal), keepAlive);
				return keepAlive;
			}
			path = versioned.group(2);
		}
		String method = request.method();
		if (path.equals("/_ping") && (method.equals("GET") || method.equals("HEAD"))) {
			send(out, method, 200, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.US_ASCII), keepAlive,
					"Cache-Control: no-cache, no-store, must-revalidate", "Pragma: no-cache");
		}
		else if (path.equals("/version") && method.equals("GET")) {
			send(out, method, 200, JSON, this.version, keepAlive);
		}
		else {
			send(out, method, 404, JSON, this.notFound, keepAlive);
		}
		return keepAlive;
	}

	/**
	 * Checks the client certificate again on every request: a connection or a resumed
	 * session that began before a rotation must not outlive it.
	 * @return why it is refused, or null
	 */
	private String stillAccepted(SSLSession session) {
		try {
			Certificate[] peer = session.getPeerCertificates();
			this.check.check((X509Certificate) peer[0]);
			return null;
		}
		catch (SSLPeerUnverifiedException | CertificateException | ClassCastException ex) {
			return ex.getMessage();
		}
	}

	/** Reads and drops a small body; false when the connection cannot be reused. */
	private static boolean discardBody(InputStream in, Request request) throws IOException {
		if (request.headers().containsKey("transfer-encoding")) {
			return false;
		}
		String length = request.headers().get("content-length");
		if (length == null) {
			return true;
		}
		long remaining;
		try {
			remaining = Long.parseLong(length.trim());
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

	private void send(OutputStream out, String method, int status, String contentType, byte[] body, boolean keepAlive,
			String... extraHeaders) throws IOException {
		StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status));
		head.append("\r\nApi-Version: ").append(DockerVersion.API_VERSION);
		head.append("\r\nDocker-Experimental: false\r\nOstype: linux");
		head.append("\r\nServer: Docker/").append(this.engineVersion).append(" (linux)");
		head.append("\r\nDate: ")
			.append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
		head.append("\r\nContent-Type: ").append(contentType);
		head.append("\r\nContent-Length: ").append(body.length);
		for (String header : extraHeaders) {
			head.append("\r\n").append(header);
		}
		if (!keepAlive) {
			head.append("\r\nConnection: close");
		}
		head.append("\r\n\r\n");
		out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
		if (!method.equals("HEAD")) {
			out.write(body);
		}
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 400 -> "Bad Request";
			case 403 -> "Forbidden";
			default -> "Not Found";
		};
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

		boolean malformed() {
			return this.method == null;
		}

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
					return new Request(null, null, Map.of(), false);
				}
				head.write(b);
				matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
			Matcher line = REQUEST_LINE.matcher(lines[0]);
			if (!line.matches()) {
				return new Request(null, null, Map.of(), false);
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon <= 0) {
					return new Request(null, null, Map.of(), false);
				}
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			String path;
			try {
				path = URI.create(line.group(2)).getPath();
			}
			catch (IllegalArgumentException ex) {
				return new Request(null, null, Map.of(), false);
			}
			String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
			boolean keepAlive = line.group(3).equals("1") ? !connection.contains("close")
					: connection.contains("keep-alive");
			return new Request(line.group(1), (path != null) ? path : "", headers, keepAlive);
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
