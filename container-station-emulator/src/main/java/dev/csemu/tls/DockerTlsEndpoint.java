package dev.csemu.tls;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
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

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The emulated NAS's Docker daemon port (2376): HTTPS with TLS 1.2 or 1.3, the managed
 * server certificate, and a client certificate required, issued by the emulator's CA and
 * not retired. The material is read at every handshake, so a rotation or a new
 * {@code domain_names} takes effect for new connections without a restart.
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

	private final TlsCertificates certificates;

	private final ClientCertificateCheck check;

	private final InetAddress address;

	private final int port;

	private final DockerApiHandler handler;

	private final SecureRandom random;

	private ServerSocket server;

	private ThreadPoolExecutor connections;

	private ScheduledExecutorService deadlines;

	private SSLContext sslContext;

	/**
	 * An endpoint, not yet listening.
	 * @param certificates the material it serves
	 * @param check who may connect
	 * @param address the address to listen on; null for every address
	 * @param port the port; 0 keeps the endpoint off
	 * @param handler answers the requests
	 * @param random the randomness of the handshakes
	 */
	DockerTlsEndpoint(TlsCertificates certificates, ClientCertificateCheck check, InetAddress address, int port,
			DockerApiHandler handler, SecureRandom random) {
		this.certificates = certificates;
		this.check = check;
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
		if (this.sslContext == null) {
			this.sslContext = DockerTlsContext.create(this.certificates, this.check, this.random);
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
			SSLSocket socket = (SSLSocket) this.sslContext.getSocketFactory()
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
			this.handler.serve(socket, () -> closeAfter(tcp, IDLE_TIMEOUT));
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

	/**
	 * The port the endpoint listens on.
	 * @return the bound port, or -1 when it is not listening
	 */
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

}
