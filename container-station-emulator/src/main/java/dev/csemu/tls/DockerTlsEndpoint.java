package dev.csemu.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The emulated NAS's Docker daemon port (2376): HTTPS with TLS 1.2 or 1.3, the managed
 * server certificate, and a client certificate required, issued by the emulator's CA and
 * not retired. The material is read at every handshake, so a rotation or a new
 * {@code domain_names} takes effect for new connections without a restart. Started and
 * stopped with the application.
 */
final class DockerTlsEndpoint implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DockerTlsEndpoint.class);

	private static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private static final int THREADS = 4;

	private final TlsCertificates certificates;

	private final ClientCertificateCheck check;

	private final InetAddress address;

	private final int port;

	private final HttpHandler handler;

	private final SecureRandom random;

	private HttpsServer server;

	private ExecutorService executor;

	private SSLContext sslContext;

	/**
	 * An endpoint, not yet listening.
	 * @param certificates the material it serves
	 * @param address the address to listen on; null for every address
	 * @param port the port; 0 keeps the endpoint off
	 * @param handler answers the requests
	 * @param random the randomness of the handshakes
	 */
	DockerTlsEndpoint(TlsCertificates certificates, ClientCertificateCheck check, InetAddress address, int port,
			HttpHandler handler, SecureRandom random) {
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
		HttpsServer created;
		try {
			created = HttpsServer.create(socketAddress, 64);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The Docker TLS endpoint cannot listen on " + describe(socketAddress)
					+ " (emulator.docker.tls-port): " + ex.getMessage()
					+ ". Choose another port, or 0 to turn the endpoint off.", ex);
		}
		created.setHttpsConfigurator(new MutualTls(this.sslContext));
		created.createContext("/", this.handler);
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(THREADS, (task) -> {
			Thread thread = new Thread(task, "docker-tls-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		created.setExecutor(this.executor);
		created.start();
		this.server = created;
		logger.info("Docker TLS endpoint listening on https://{} (client certificate required)",
				describe(created.getAddress()));
	}

	@Override
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
			this.executor = null;
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
		return (this.server != null) ? this.server.getAddress().getPort() : -1;
	}

	private static String describe(InetSocketAddress address) {
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : "0.0.0.0";
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/** TLS 1.2 or 1.3, and a client certificate required. */
	private static final class MutualTls extends HttpsConfigurator {

		MutualTls(SSLContext context) {
			super(context);
		}

		@Override
		public void configure(HttpsParameters parameters) {
			SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
			ssl.setProtocols(PROTOCOLS);
			ssl.setNeedClientAuth(true);
			parameters.setSSLParameters(ssl);
		}

	}

}
