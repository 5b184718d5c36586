package dev.csemu.tls;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import dev.csemu.system.Architecture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The emulated NAS's Docker daemon port (2376): HTTPS with TLS 1.2 or 1.3, the managed
 * server certificate, and a client certificate required that the current material
 * {@linkplain TlsGeneration#checkClient accepts}. Each connection takes the TLS context
 * of the generation current at its start (made once per generation), so a rotation or a
 * new {@code domain_names} takes effect for new connections without a restart, and no TLS
 * session outlives the material it was made with.
 *
 * <p>
 * One thread per connection, up to {@link #MAX_CONNECTIONS} (more are closed at once),
 * and every connection on a deadline: {@link #HANDSHAKE_TIMEOUT} for the whole handshake,
 * {@link #IDLE_TIMEOUT} for each request's head, so stalled or dribbling clients cannot
 * starve valid ones. The handshake is driven by {@link SSLSocket#startHandshake()}, so a
 * refused client gets JSSE's TLS alert ({@code bad_certificate},
 * {@code certificate_required}, ...) as from dockerd, not a silent close.
 *
 * <p>
 * It answers what the Docker Engine of Container Station 2.4.0.2316 answers on
 * {@code /_ping} and {@code /version}, with or without an API version prefix
 * ({@code /v1.41/version}), over HTTP/1.1 with keep-alive; anything else is Docker's 404
 * {@code {"message": "page not found"}}.
 */
final class DockerTlsEndpoint implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DockerTlsEndpoint.class);

	static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

	static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

	static final int MAX_CONNECTIONS = 1024;

	private static final Duration LINGER = Duration.ofSeconds(1);

	private static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private static final char[] KEY_PASSWORD = "docker".toCharArray();

	/** The newest and the oldest Docker API version the engine serves. */
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

	private final TlsCertificates certificates;

	private final Clock clock;

	/** Where to listen; port 0 keeps the endpoint off. */
	private final InetSocketAddress bindAddress;

	private final JsonMapper jsonMapper;

	private final String engineVersion;

	/** The answers by method and path (without the version prefix). */
	private final Map<String, Answer> routes;

	private final Answer notFound;

	private final SecureRandom random;

	private ServerSocket server;

	private ThreadPoolExecutor connections;

	private ScheduledExecutorService deadlines;

	private volatile Served served;

	/**
	 * An endpoint, not yet listening.
	 * @param address the address to listen on; null for every address
	 * @param port the port; 0 keeps the endpoint off
	 * @param engineVersion the product's docker version ({@code dockerVersion} in
	 * {@code /system}, from {@code emulator.host.product.version.docker-version})
	 */
	DockerTlsEndpoint(TlsCertificates certificates, Clock clock, InetAddress address, int port, JsonMapper jsonMapper,
			String engineVersion, SecureRandom random) {
		this.certificates = certificates;
		this.clock = clock;
		this.bindAddress = new InetSocketAddress(address, port);
		this.jsonMapper = jsonMapper;
		this.engineVersion = engineVersion;
		this.random = random;
		Answer ping = new Answer(HttpStatus.OK, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.US_ASCII),
				"\r\nCache-Control: no-cache, no-store, must-revalidate\r\nPragma: no-cache");
		this.routes = Map.of("GET /_ping", ping, "HEAD /_ping", ping, "GET /version",
				json(HttpStatus.OK, version(engineVersion)));
		this.notFound = json(HttpStatus.NOT_FOUND, Map.of("message", "page not found"));
	}

	@Override
	public synchronized void start() {
		if (this.bindAddress.getPort() == 0) {
			logger.info("Docker TLS endpoint is off (emulator.docker.tls-port=0)");
			return;
		}
		ServerSocket created;
		try {
			created = new ServerSocket();
			created.setReuseAddress(true);
			created.bind(this.bindAddress, 256);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The Docker TLS endpoint cannot listen on " + describe(this.bindAddress)
					+ " (emulator.docker.tls-port): " + ex.getMessage()
					+ ". Choose another port, or 0 to turn the endpoint off.", ex);
		}
		this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemon("docker-tls-"));
		this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("docker-tls-deadlines-"));
		this.server = created;
		daemon("docker-tls-accept-").newThread(() -> accept(created)).start();
		logger.info("Docker TLS endpoint listening on https://{} (client certificate required)",
				describe((InetSocketAddress) created.getLocalSocketAddress()));
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			Socket socket;
			try {
				socket = listening.accept();
			}
			catch (IOException ex) {
				if (!listening.isClosed()) {
					logger.debug("Docker TLS endpoint: accept failed", ex);
				}
				continue;
			}
			try {
				this.connections.execute(() -> serve(socket));
			}
			catch (RejectedExecutionException ex) {
				logger.warn("Docker TLS endpoint: {} connections open, refusing one more", MAX_CONNECTIONS);
				closeQuietly(socket);
			}
		}
	}

	/**
	 * Shakes hands and serves one connection. The deadlines close the TCP socket under
	 * the TLS one, which ends any read in progress at once.
	 */
	private void serve(Socket tcp) {
		boolean refused = false;
		try {
			// Layered in server mode over the accepted connection.
			SSLSocket socket = (SSLSocket) context().getSocketFactory().createSocket(tcp, null, false);
			socket.setEnabledProtocols(PROTOCOLS);
			socket.setNeedClientAuth(true);
			tcp.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
			ScheduledFuture<?> deadline = closeAfter(tcp, HANDSHAKE_TIMEOUT);
			try {
				socket.startHandshake();
			}
			finally {
				deadline.cancel(false);
			}
			tcp.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
			answerRequests(socket, tcp);
		}
		catch (SSLException ex) {
			logger.debug("Docker TLS endpoint: handshake with {} failed: {}", tcp.getRemoteSocketAddress(),
					ex.getMessage());
			refused = true;
		}
		catch (IOException ex) {
			logger.trace("Docker TLS endpoint: connection ended", ex);
		}
		finally {
			if (refused) {
				// JSSE sent the alert; closing now, with the client's last handshake
				// messages unread, would send a TCP reset that can overtake it.
				closeAfter(tcp, LINGER);
			}
			else {
				closeQuietly(tcp);
			}
		}
	}

	/**
	 * The TLS context of the current generation, made at the first connection that uses
	 * it.
	 */
	private SSLContext context() throws SSLException {
		TlsGeneration generation = this.certificates.current();
		Served last = this.served;
		if (last != null && last.generation() == generation) {
			return last.context();
		}
		try {
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(generation.server().keyStore("server", KEY_PASSWORD, generation.ca()), KEY_PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			// Trusts the client certificates the current material accepts, and no server.
			X509TrustManager trust = new X509TrustManager() {

				@Override
				public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
					if (chain == null || chain.length == 0) {
						throw new CertificateException("a client certificate is required");
					}
					checkClient(chain[0]);
				}

				@Override
				public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
					throw new CertificateException("the Docker endpoint trusts no servers");
				}

				@Override
				public X509Certificate[] getAcceptedIssuers() {
					return new X509Certificate[] { generation.ca().certificate() };
				}

			};
			context.init(keyManagers.getKeyManagers(), new TrustManager[] { trust }, this.random);
			this.served = new Served(generation, context);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new SSLException("Cannot make the Docker endpoint's TLS context", ex);
		}
	}

	private void checkClient(X509Certificate certificate) throws CertificateException {
		this.certificates.current().checkClient(certificate, this.clock.instant());
	}

	private ScheduledFuture<?> closeAfter(Socket tcp, Duration timeout) {
		return this.deadlines.schedule(() -> closeQuietly(tcp), timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.server != null) {
			closeQuietly(this.server);
			this.connections.shutdownNow();
			this.deadlines.shutdownNow();
			this.server = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** The port the endpoint listens on, or -1 when it is not listening. */
	synchronized int boundPort() {
		return (this.server != null) ? this.server.getLocalPort() : -1;
	}

	/** Answers the requests of one connection until the client or an answer closes it. */
	private void answerRequests(SSLSocket socket, Socket tcp) throws IOException {
		InputStream in = new BufferedInputStream(socket.getInputStream());
		OutputStream out = socket.getOutputStream();
		boolean keepAlive = true;
		while (keepAlive) {
			ScheduledFuture<?> deadline = closeAfter(tcp, IDLE_TIMEOUT);
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
				send(out, "GET", json(HttpStatus.BAD_REQUEST, Map.of("message", "bad request")), false);
				return;
			}
			keepAlive = request.keepAlive() && skip(in, request.bodyLength());
			Answer answer;
			try {
				// Checked on every request: a connection or a resumed session that began
				// before a rotation must not outlive it.
				checkClient((X509Certificate) socket.getSession().getPeerCertificates()[0]);
				answer = answer(request);
			}
			catch (SSLPeerUnverifiedException | CertificateException | ClassCastException ex) {
				socket.getSession().invalidate();
				answer = json(HttpStatus.FORBIDDEN,
						Map.of("message", "client certificate refused: " + ex.getMessage()));
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
				return json(HttpStatus.BAD_REQUEST, Map.of("message", "client version " + requested
						+ " is too new. Maximum supported API version is " + API_VERSION));
			}
			if (compare(requested, MIN_API_VERSION) < 0) {
				return json(HttpStatus.BAD_REQUEST,
						Map.of("message",
								"client version " + requested + " is too old. Minimum supported API version is "
										+ MIN_API_VERSION + ", please upgrade your client to a newer version"));
			}
			path = versioned.group(2);
		}
		return this.routes.getOrDefault(request.method() + " " + path, this.notFound);
	}

	private void send(OutputStream out, String method, Answer answer, boolean keepAlive) throws IOException {
		String head = "HTTP/1.1 " + answer.status().value() + " " + answer.status().getReasonPhrase()
				+ "\r\nApi-Version: " + API_VERSION
				+ "\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: Docker/" + this.engineVersion
				+ " (linux)\r\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
				+ "\r\nContent-Type: " + answer.contentType() + "\r\nContent-Length: " + answer.body().length
				+ answer.extraHeaders() + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n";
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		if (!method.equals("HEAD")) {
			out.write(answer.body());
		}
	}

	/** Reads and drops a body; false when the stream ends first. */
	private static boolean skip(InputStream in, long length) throws IOException {
		try {
			in.skipNBytes(length);
			return true;
		}
		catch (EOFException ex) {
			return false;
		}
	}

	/** Compares API versions such as {@code 1.41} number by number. */
	private static int compare(String left, String right) {
		return Arrays.compare(Stream.of(left.split("\\.")).mapToInt(Integer::parseInt).toArray(),
				Stream.of(right.split("\\.")).mapToInt(Integer::parseInt).toArray());
	}

	private Answer json(HttpStatus status, Object body) {
		return new Answer(status, MediaType.APPLICATION_JSON_VALUE, this.jsonMapper.writeValueAsBytes(body), "");
	}

	/** Docker Engine's {@code GET /version}, in its field order. */
	private static Map<String, Object> version(String engineVersion) {
		String arch = Architecture.current().goArch();
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

	private static ThreadFactory daemon(String prefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(true);
		return factory;
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException | RuntimeException ex) {
			// Already closed or broken: nothing left to release.
		}
	}

	private static String describe(InetSocketAddress address) {
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : "0.0.0.0";
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	private record Served(TlsGeneration generation, SSLContext context) {
	}

	/** An answer; {@code extraHeaders} each start with CRLF. */
	private record Answer(HttpStatus status, String contentType, byte[] body, String extraHeaders) {
	}

	/**
	 * A request's head.
	 *
	 * @param method the method, or null for a malformed request
	 * @param path the decoded path, without the query
	 * @param keepAlive whether the client keeps the connection open, and its body (of
	 * {@code bodyLength}) can be dropped to reuse it: not chunked and small
	 */
	private record Request(String method, String path, boolean keepAlive, long bodyLength) {

		private static final Request MALFORMED = new Request(null, null, false, 0);

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
			long length;
			try {
				length = headers.containsKey("transfer-encoding") ? -1
						: Long.parseLong(headers.getOrDefault("content-length", "0").trim());
			}
			catch (NumberFormatException ex) {
				length = -1;
			}
			boolean keepAlive = (line.group(3).equals("1") ? !connection.contains("close")
					: connection.contains("keep-alive")) && length >= 0 && length <= MAX_DISCARDED_BODY;
			return new Request(line.group(1), (path != null) ? path : "", keepAlive, length);
		}

	}

}
