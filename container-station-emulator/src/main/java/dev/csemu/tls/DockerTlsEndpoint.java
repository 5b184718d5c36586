package dev.csemu.tls;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

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
 */
final class DockerTlsEndpoint implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DockerTlsEndpoint.class);

	static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

	static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

	static final int MAX_CONNECTIONS = 1024;

	private static final Duration LINGER = Duration.ofSeconds(1);

	private static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private static final char[] KEY_PASSWORD = "docker".toCharArray();

	private final TlsCertificates certificates;

	private final Clock clock;

	private final InetAddress address;

	private final int port;

	private final DockerApi handler;

	private final SecureRandom random;

	private ServerSocket server;

	private ThreadPoolExecutor connections;

	private ScheduledExecutorService deadlines;

	private volatile Served served;

	/**
	 * An endpoint, not yet listening.
	 * @param address the address to listen on; null for every address
	 * @param port the port; 0 keeps the endpoint off
	 */
	DockerTlsEndpoint(TlsCertificates certificates, Clock clock, InetAddress address, int port, DockerApi handler,
			SecureRandom random) {
		this.certificates = certificates;
		this.clock = clock;
		this.address = address;
		this.port = port;
		this.handler = handler;
		this.random = random;
	}

	@Override
	public synchronized void start() {
		if (this.port == 0) {
			logger.info("Docker TLS endpoint is off (emulator.docker.tls-port=0)");
			return;
		}
		InetSocketAddress socketAddress = new InetSocketAddress(this.address, this.port);
		ServerSocket created;
		try {
			created = new ServerSocket();
			created.setReuseAddress(true);
			created.bind(socketAddress, 256);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The Docker TLS endpoint cannot listen on " + describe(socketAddress)
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
			SSLSocket socket = (SSLSocket) context().getSocketFactory()
				.createSocket(tcp, tcp.getInetAddress().getHostAddress(), tcp.getPort(), false);
			socket.setUseClientMode(false);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setProtocols(PROTOCOLS);
			parameters.setNeedClientAuth(true);
			socket.setSSLParameters(parameters);
			tcp.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
			ScheduledFuture<?> deadline = closeAfter(tcp, HANDSHAKE_TIMEOUT);
			try {
				socket.startHandshake();
			}
			finally {
				deadline.cancel(false);
			}
			tcp.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
			this.handler.serve(socket, this::checkClient, () -> closeAfter(tcp, IDLE_TIMEOUT));
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
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("server", generation.server().key(), KEY_PASSWORD,
					new X509Certificate[] { generation.server().certificate(), generation.ca().certificate() });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, KEY_PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), new TrustManager[] { new ClientTrust(generation) }, this.random);
			this.served = new Served(generation, context);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
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
			this.connections = null;
			this.deadlines = null;
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

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
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

	/** Trusts the client certificates the current material accepts, and no server. */
	private final class ClientTrust extends X509ExtendedTrustManager {

		private final TlsGeneration generation;

		ClientTrust(TlsGeneration generation) {
			this.generation = generation;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			if (chain == null || chain.length == 0) {
				throw new CertificateException("a client certificate is required");
			}
			checkClient(chain[0]);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("the Docker endpoint trusts no servers");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[] { this.generation.ca().certificate() };
		}

	}

}
