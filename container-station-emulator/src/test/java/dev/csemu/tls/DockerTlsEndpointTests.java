package dev.csemu.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.system.Architecture;
import dev.csemu.tls.DomainNames.LocalNames;
import dev.csemu.tls.internal.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The mutual-TLS Docker endpoint over real sockets and real handshakes: who gets in,
 * which certificate it serves, and the Docker Engine routes it answers.
 */
class DockerTlsEndpointTests {

	private static final String ENGINE_VERSION = "24.0.7";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmulatorClock clock = new EmulatorClock(ZoneOffset.UTC);

	@TempDir
	Path temp;

	private TlsCertificates certificates;

	private DockerTlsEndpoint endpoint;

	@BeforeEach
	void start() throws IOException {
		LocalNames host = new LocalNames(List.of("localhost"),
				List.of(InetAddress.getLoopbackAddress(), DomainNames.toAddress("::1")));
		this.certificates = new TlsCertificates(this.temp.resolve("certs"), new SecureRandom(), this.clock,
				KeyType.EC_P256, Duration.ofDays(30), () -> host);
		this.endpoint = endpoint(freePort());
		this.endpoint.start();
	}

	@AfterEach
	void stop() throws IOException {
		this.endpoint.stop();
		this.certificates.close();
	}

	@Test
	void pingAnswersOkWithDockerHeaders() throws IOException {
		DockerClient.Response response = client(bundle()).get("/_ping");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("OK");
		assertThat(response.headers()).containsEntry("content-type", "text/plain; charset=utf-8")
			.containsEntry("api-version", "1.41")
			.containsEntry("ostype", "linux")
			.containsEntry("docker-experimental", "false");
	}

	@Test
	void headPingAnswersWithoutBody() throws IOException {
		DockerClient.Response response = client(bundle()).send("HEAD", "/_ping");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers()).containsEntry("api-version", "1.41");
	}

	@Test
	void versionAnswersTheDockerEngineShape() throws IOException {
		for (String path : List.of("/version", "/v1.41/version", "/v1.24/version")) {
			DockerClient.Response response = client(bundle()).get(path);

			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.headers()).containsEntry("content-type", "application/json");
			JsonNode version = JSON.readTree(response.body());
			// The product's docker version, as configured
			// (emulator.host.product.version).
			assertThat(version.get("Version").stringValue()).isEqualTo(ENGINE_VERSION);
			assertThat(version.get("ApiVersion").stringValue()).isEqualTo("1.41");
			assertThat(version.get("MinAPIVersion").stringValue()).isEqualTo("1.12");
			assertThat(version.get("Os").stringValue()).isEqualTo("linux");
			assertThat(version.get("Arch").stringValue()).isEqualTo(Architecture.current().goArch());
			assertThat(version.get("KernelVersion").stringValue()).isEqualTo(System.getProperty("os.version"));
			assertThat(version.get("GoVersion").stringValue()).startsWith("go");
			assertThat(version.get("Components").get(0).get("Name").stringValue()).isEqualTo("Engine");
		}
	}

	@Test
	void versionedPingAnswersToo() throws IOException {
		assertThat(client(bundle()).get("/v1.41/_ping").body()).isEqualTo("OK");
	}

	@Test
	void anApiVersionOutsideTheServedRangeIsRefusedLikeDocker() throws IOException {
		DockerClient.Response tooNew = client(bundle()).get("/v1.42/version");
		DockerClient.Response tooOld = client(bundle()).get("/v1.11/version");

		assertThat(tooNew.status()).isEqualTo(400);
		assertThat(JSON.readTree(tooNew.body()).get("message").stringValue())
			.isEqualTo("client version 1.42 is too new. Maximum supported API version is 1.41");
		assertThat(tooOld.status()).isEqualTo(400);
		assertThat(JSON.readTree(tooOld.body()).get("message").stringValue())
			.startsWith("client version 1.11 is too old");
	}

	@Test
	void otherPathsAndMethodsAnswerPageNotFound() throws IOException {
		for (String[] request : List.of(new String[] { "GET", "/info" },
				new String[] { "GET", "/v1.41/containers/json" }, new String[] { "POST", "/_ping" },
				new String[] { "GET", "/" })) {
			DockerClient.Response response = client(bundle()).send(request[0], request[1]);

			assertThat(response.status()).as(String.join(" ", request)).isEqualTo(404);
			assertThat(response.headers()).containsEntry("content-type", "application/json");
			assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"message\": \"page not found\"}"));
		}
	}

	@Test
	void tls12AndTls13AreBothServed() throws IOException {
		assertThat(client(bundle()).protocols("TLSv1.2").get("/_ping").protocol()).isEqualTo("TLSv1.2");
		assertThat(client(bundle()).protocols("TLSv1.3").get("/_ping").protocol()).isEqualTo("TLSv1.3");
	}

	@Test
	void aClientWithoutCertificateIsRefused() {
		SSLContext anonymous = Bundle.withoutClientCertificate(this.certificates.current().ca().certificate());

		for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
			assertThatExceptionOfType(IOException.class).as(protocol)
				.isThrownBy(
						() -> new DockerClient(this.endpoint.boundPort(), anonymous).protocols(protocol).get("/_ping"));
		}
	}

	@Test
	void aCertificateFromAnotherCaIsRefused() throws IOException {
		Bundle foreign;
		try (TlsCertificates other = new TlsCertificates(this.temp.resolve("other"), new SecureRandom(), this.clock,
				KeyType.EC_P256, Duration.ofDays(30), () -> LocalNames.detect("localhost"))) {
			foreign = Bundle.of(other.exportBundle());
		}
		Bundle trustingOurServer = new Bundle(this.certificates.current().ca().certificate(), foreign.certificate(),
				foreign.key());

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> client(trustingOurServer).get("/_ping"));
	}

	@Test
	void aRotatedOutCertificateIsRefusedAndTheNewOneAcceptedWithoutRestart() throws IOException {
		Bundle old = bundle();
		assertThat(client(old).get("/_ping").status()).isEqualTo(200);

		this.certificates.rotateClient();

		for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
			assertThatExceptionOfType(IOException.class).as(protocol)
				.isThrownBy(() -> client(old).protocols(protocol).get("/_ping"));
		}
		assertThat(client(bundle()).get("/_ping").status()).isEqualTo(200);
	}

	@Test
	void anExpiredClientCertificateIsRefusedOnTheEmulatorsClock() throws IOException {
		Bundle bundle = bundle();
		this.clock.advance(Duration.ofDays(1081));

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> client(bundle).get("/_ping"));
	}

	@Test
	void newDomainNamesAreServedToNewConnectionsWithoutRestart() throws Exception {
		assertThat(TlsCertificatesTests.sans(client(bundle()).get("/_ping").served()))
			.doesNotContain("DNS:docker.example.test");

		this.certificates.setDomainNames(List.of("docker.example.test", "10.9.8.7"));

		DockerClient.Response response = client(bundle()).get("/_ping");
		assertThat(TlsCertificatesTests.sans(response.served())).contains("DNS:docker.example.test", "IP:10.9.8.7",
				"IP:127.0.0.1");
		assertThat(response.served()).isEqualTo(this.certificates.current().server().certificate());
	}

	@Test
	void aRegeneratedCaServesAndAcceptsOnlyTheNewBundle() throws IOException {
		Bundle old = bundle();
		this.certificates.regenerate();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> client(old).get("/_ping"));
		assertThat(client(bundle()).get("/_ping").status()).isEqualTo(200);
	}

	/**
	 * Three hundred connections that never finish their handshake (nothing sent, or half
	 * a ClientHello) must not keep a valid client out, and are closed by the server once
	 * the handshake deadline passes.
	 */
	@Test
	void stalledHandshakesDoNotKeepValidClientsOut() throws Exception {
		Bundle bundle = bundle();
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.endpoint.boundPort());
				if (i % 2 == 1) {
					// A TLS record header announcing a ClientHello, and the start of it.
					socket.getOutputStream().write(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01 });
					socket.getOutputStream().flush();
				}
				stalled.add(socket);
			}
			long start = System.nanoTime();
			DockerClient.Response ping = client(bundle).get("/_ping");
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(ping.body()).isEqualTo("OK");
			assertThat(took).as("a valid client's ping among 300 stalled connections")
				.isLessThan(Duration.ofSeconds(3));
			Socket first = stalled.get(0);
			first.setSoTimeout((int) DockerTlsEndpoint.HANDSHAKE_TIMEOUT.plusSeconds(10).toMillis());
			long waited = System.nanoTime();
			assertThat(first.getInputStream().read()).as("the server closed a stalled handshake").isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - waited))
				.isLessThan(DockerTlsEndpoint.HANDSHAKE_TIMEOUT.plusSeconds(3));
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	@Test
	void aClientWithoutAnAcceptedCertificateGetsATlsAlertAsFromDockerd() throws IOException {
		Bundle foreign;
		try (TlsCertificates other = new TlsCertificates(this.temp.resolve("other"), new SecureRandom(), this.clock,
				KeyType.EC_P256, Duration.ofDays(30), () -> new LocalNames(List.of("localhost"), List.of()))) {
			foreign = Bundle.of(other.exportBundle());
		}
		X509Certificate ca = this.certificates.current().ca().certificate();
		SSLContext anonymous = Bundle.withoutClientCertificate(ca);
		SSLContext stranger = new Bundle(ca, foreign.certificate(), foreign.key()).clientContext();
		for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
			assertThatExceptionOfType(SSLException.class).as("no certificate over " + protocol)
				.isThrownBy(
						() -> new DockerClient(this.endpoint.boundPort(), anonymous).protocols(protocol).get("/_ping"))
				.withMessageMatching("Received fatal alert: (bad_certificate|certificate_required)");
			// JSSE answers every certificate its trust manager refuses with this alert.
			assertThatExceptionOfType(SSLException.class).as("another CA's certificate over " + protocol)
				.isThrownBy(
						() -> new DockerClient(this.endpoint.boundPort(), stranger).protocols(protocol).get("/_ping"))
				.withMessage("Received fatal alert: certificate_unknown");
		}
	}

	/**
	 * JSSE answers a certificate its trust manager refuses with
	 * {@code certificate_unknown} (dockerd says {@code bad_certificate}): an alert all
	 * the same, not a silent close.
	 */
	@Test
	void aRetiredCertificateGetsATlsAlert() throws IOException {
		Bundle old = bundle();
		this.certificates.rotateClient();

		for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
			assertThatExceptionOfType(SSLException.class).as(protocol)
				.isThrownBy(() -> client(old).protocols(protocol).get("/_ping"))
				.withMessage("Received fatal alert: certificate_unknown");
		}
	}

	@Test
	void aKeptAliveConnectionServesSeveralRequests() throws IOException {
		try (SSLSocket socket = (SSLSocket) bundle().clientContext()
			.getSocketFactory()
			.createSocket("127.0.0.1", this.endpoint.boundPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(
					("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\nGET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answers).startsWith("HTTP/1.1 200 OK").contains("\r\n\r\nOKHTTP/1.1 200 OK");
		}
		catch (java.net.SocketTimeoutException ex) {
			throw new AssertionError("the answers did not come", ex);
		}
	}

	@Test
	void aBusyPortFailsWithAMessageNamingTheProperty() throws IOException {
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			DockerTlsEndpoint second = endpoint(busy.getLocalPort());

			assertThatIllegalStateException().isThrownBy(second::start)
				.withMessageContaining("emulator.docker.tls-port")
				.withMessageContaining(String.valueOf(busy.getLocalPort()));
			assertThat(second.isRunning()).isFalse();
		}
	}

	@Test
	void portZeroKeepsTheEndpointOff() {
		DockerTlsEndpoint off = endpoint(0);
		off.start();

		assertThat(off.isRunning()).isFalse();
		assertThat(off.boundPort()).isEqualTo(-1);
	}

	private DockerTlsEndpoint endpoint(int port) {
		return new DockerTlsEndpoint(this.certificates, this.clock, InetAddress.getLoopbackAddress(), port, JSON,
				ENGINE_VERSION, new SecureRandom());
	}

	private Bundle bundle() {
		return Bundle.of(this.certificates.exportBundle());
	}

	private DockerClient client(Bundle bundle) {
		return new DockerClient(this.endpoint.boundPort(), bundle.clientContext());
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
