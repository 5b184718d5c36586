package dev.csemu.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority;
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
		this.certificates = new TlsCertificates(TlsStore.open(this.temp.resolve("certs")),
				new BouncyCastleCertificateAuthority(new SecureRandom()), this.clock, KeyType.EC_P256,
				Duration.ofDays(30), () -> host);
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
			assertThat(version.get("Version").stringValue()).isEqualTo("20.10.3");
			assertThat(version.get("ApiVersion").stringValue()).isEqualTo("1.41");
			assertThat(version.get("MinAPIVersion").stringValue()).isEqualTo("1.12");
			assertThat(version.get("Os").stringValue()).isEqualTo("linux");
			assertThat(version.get("Arch").stringValue())
				.isEqualTo(DockerVersion.goArch(System.getProperty("os.arch")));
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
		try (TlsCertificates other = new TlsCertificates(TlsStore.open(this.temp.resolve("other")),
				new BouncyCastleCertificateAuthority(new SecureRandom()), this.clock, KeyType.EC_P256,
				Duration.ofDays(30), LocalNames::detect)) {
			foreign = Bundle.of(BundleExport.zip(other.current()));
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
		ClientCertificateCheck check = new ClientCertificateCheck(this.certificates, this.clock);
		return new DockerTlsEndpoint(this.certificates, check, InetAddress.getLoopbackAddress(), port,
				new DockerApiHandler(check, JSON), new SecureRandom());
	}

	private Bundle bundle() {
		return Bundle.of(BundleExport.zip(this.certificates.current()));
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
