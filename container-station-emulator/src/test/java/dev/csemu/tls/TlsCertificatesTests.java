package dev.csemu.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.tls.DomainNames.LocalNames;
import dev.csemu.tls.TlsCertificates.Status;
import dev.csemu.tls.TlsMetadata.CertificateMetadata;
import dev.csemu.tls.internal.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The TLS material: what is issued, what survives a restart, rotation, domain names, the
 * expiry warning on the emulator's clock, exports racing rotations, the state handed to
 * the control plane and metadata. Real files and real certificates, read back with the
 * JDK.
 */
class TlsCertificatesTests {

	/** The day of the vendor's {@code GET /tls} example. */
	private static final Instant VENDOR_START = Instant.parse("2021-08-11T09:30:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final LocalNames HOST = new LocalNames(List.of("localhost", "nas-under-test"),
			List.of(address("127.0.0.1"), address("::1"), address("192.0.2.10")));

	private final SecureRandom random = new SecureRandom();

	private final EmulatorClock clock = new EmulatorClock(ZoneOffset.UTC);

	@TempDir
	Path temp;

	private Path dir;

	private TlsCertificates certificates;

	@BeforeEach
	void start() throws IOException {
		this.clock.set(VENDOR_START);
		this.dir = this.temp.resolve("certs");
		this.certificates = open(() -> HOST);
	}

	@AfterEach
	void stop() throws IOException {
		this.certificates.close();
	}

	@Test
	void firstStartIssuesACaAServerAndAClientCertificateThatChain() throws Exception {
		X509Certificate ca = readCertificate(TlsStore.CA_CERTIFICATE);
		X509Certificate server = readCertificate(TlsStore.SERVER_CERTIFICATE);
		X509Certificate client = readCertificate(TlsStore.CLIENT_CERTIFICATE);

		ca.verify(ca.getPublicKey());
		server.verify(ca.getPublicKey());
		client.verify(ca.getPublicKey());
		assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
		assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
		assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
		assertThat(client.getSubjectX500Principal().getName()).contains("CN=client");
		assertThat(sans(server)).containsExactly("DNS:localhost", "DNS:nas-under-test", "IP:127.0.0.1",
				"IP:0:0:0:0:0:0:0:1", "IP:192.0.2.10");
		for (X509Certificate certificate : List.of(ca, server, client)) {
			assertThat(certificate.getNotBefore().toInstant()).isEqualTo(VENDOR_START);
			assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
				.isEqualTo(Duration.ofDays(1080));
		}
		TlsGeneration generation = this.certificates.current();
		assertThat(generation.ca().keyMatchesCertificate()).isTrue();
		assertThat(generation.server().keyMatchesCertificate()).isTrue();
		assertThat(generation.client().keyMatchesCertificate()).isTrue();
		assertThat(Files.readString(this.dir.resolve(TlsStore.CLIENT_KEY))).startsWith("-----BEGIN PRIVATE KEY-----");
	}

	@Test
	void statusReportsTheClientCertificateDatesLikeTheVendorExample() {
		Status status = this.certificates.status();

		assertThat(status.startDate()).isEqualTo(LocalDate.parse("2021-08-11"));
		assertThat(status.endDate()).isEqualTo(LocalDate.parse("2024-07-26"));
		assertThat(status.outdatedNotify()).isFalse();
	}

	@Test
	void outdatedNotifyTurnsOnWithinThirtyDaysOfTheEndUntilDismissed() {
		this.clock.advance(Duration.ofDays(1049));
		assertThat(this.certificates.status().outdatedNotify()).isFalse();

		this.clock.advance(Duration.ofDays(11));
		assertThat(this.certificates.status().outdatedNotify()).isTrue();

		this.certificates.setOutdatedNotify(false);
		assertThat(this.certificates.status().outdatedNotify()).isFalse();

		this.certificates.setOutdatedNotify(true);
		assertThat(this.certificates.status().outdatedNotify()).isTrue();
	}

	@Test
	void rotationArmsADismissedWarningAgain() {
		this.certificates.setOutdatedNotify(false);
		this.clock.advance(Duration.ofDays(1060));
		assertThat(this.certificates.status().outdatedNotify()).isFalse();

		this.certificates.rotateClient();
		assertThat(this.certificates.status().outdatedNotify()).as("a fresh certificate").isFalse();
		this.clock.advance(Duration.ofDays(1060));
		assertThat(this.certificates.status().outdatedNotify()).isTrue();
	}

	@Test
	void rotationIssuesANewClientCertificateAndRetiresTheOldSerial() throws Exception {
		TlsGeneration before = this.certificates.current();
		this.clock.advance(Duration.ofDays(10));

		this.certificates.rotateClient();

		TlsGeneration after = this.certificates.current();
		X509Certificate oldClient = before.client().certificate();
		X509Certificate newClient = readCertificate(TlsStore.CLIENT_CERTIFICATE);
		assertThat(newClient.getSerialNumber()).isNotEqualTo(oldClient.getSerialNumber());
		assertThat(newClient.getNotBefore().toInstant()).isEqualTo(VENDOR_START.plus(Duration.ofDays(10)));
		assertThat(newClient.getPublicKey()).isNotEqualTo(oldClient.getPublicKey());
		newClient.verify(before.ca().certificate().getPublicKey());
		assertThat(after.ca()).isEqualTo(before.ca());
		assertThat(after.server()).isEqualTo(before.server());
		assertThat(after.retiredClientSerials()).containsExactly(oldClient.getSerialNumber());
		assertThat(this.certificates.status().startDate()).isEqualTo(LocalDate.parse("2021-08-21"));

		check(newClient);
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> check(oldClient))
			.withMessageContaining("retired");
	}

	@Test
	void onlyCurrentUnexpiredClientCertificatesOfTheCaAreAccepted() throws Exception {
		TlsGeneration generation = this.certificates.current();
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> check(generation.server().certificate()))
			.withMessageContaining("client authentication");

		TlsGeneration foreign;
		try (TlsCertificates other = new TlsCertificates(this.temp.resolve("other"), this.random, this.clock,
				KeyType.EC_P256, Duration.ofDays(30), () -> HOST)) {
			foreign = other.current();
		}
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> check(foreign.client().certificate()));

		this.clock.advance(Duration.ofDays(1081));
		assertThatExceptionOfType(CertificateExpiredException.class)
			.isThrownBy(() -> check(generation.client().certificate()));
	}

	@Test
	void domainNamesReissueTheServerCertificateWithTheSameCaAndKey() throws Exception {
		TlsGeneration before = this.certificates.current();

		this.certificates.setDomainNames(List.of("user.myqnapcloud.com", "10.0.0.5", "2001:db8::1"));

		X509Certificate server = readCertificate(TlsStore.SERVER_CERTIFICATE);
		assertThat(sans(server)).contains("DNS:localhost", "DNS:user.myqnapcloud.com", "IP:10.0.0.5",
				"IP:2001:db8:0:0:0:0:0:1", "IP:127.0.0.1");
		server.verify(before.ca().certificate().getPublicKey());
		assertThat(server.getSerialNumber()).isNotEqualTo(before.server().certificate().getSerialNumber());
		assertThat(server.getPublicKey()).isEqualTo(before.server().certificate().getPublicKey());
		assertThat(this.certificates.current().client()).isEqualTo(before.client());
		assertThat(this.certificates.current().domainNames()).containsExactly("user.myqnapcloud.com", "10.0.0.5",
				"2001:db8::1");

		this.certificates.setDomainNames(List.of());
		assertThat(sans(readCertificate(TlsStore.SERVER_CERTIFICATE))).doesNotContain("DNS:user.myqnapcloud.com");
	}

	@Test
	void everythingSurvivesARestartOnTheSameFolder() throws Exception {
		this.certificates.setDomainNames(List.of("docker.example.test"));
		this.certificates.rotateClient();
		this.certificates.setOutdatedNotify(false);
		TlsGeneration before = this.certificates.current();
		this.certificates.close();

		this.certificates = open(() -> HOST);

		TlsGeneration after = this.certificates.current();
		assertThat(after.ca().certificatePem()).isEqualTo(before.ca().certificatePem());
		assertThat(after.ca().keyPem()).isEqualTo(before.ca().keyPem());
		assertThat(after.server().certificatePem()).isEqualTo(before.server().certificatePem());
		assertThat(after.client().certificatePem()).isEqualTo(before.client().certificatePem());
		assertThat(after.client().keyPem()).isEqualTo(before.client().keyPem());
		assertThat(after.domainNames()).containsExactly("docker.example.test");
		assertThat(after.outdatedNotify()).isFalse();
		assertThat(after.retiredClientSerials()).isEqualTo(before.retiredClientSerials()).hasSize(1);
	}

	@Test
	void aRestartOnAMachineWithNewAddressesReissuesOnlyTheServerCertificate() throws Exception {
		TlsGeneration before = this.certificates.current();
		this.certificates.close();
		LocalNames moved = new LocalNames(HOST.dnsNames(), List.of(address("127.0.0.1"), address("198.51.100.7")));

		this.certificates = open(() -> moved);

		TlsGeneration after = this.certificates.current();
		assertThat(sans(after.server().certificate())).contains("IP:198.51.100.7").doesNotContain("IP:192.0.2.10");
		assertThat(after.ca().certificatePem()).isEqualTo(before.ca().certificatePem());
		assertThat(after.client().certificatePem()).isEqualTo(before.client().certificatePem());
	}

	@Test
	void damagedMaterialStopsTheStartInsteadOfBeingReplaced() throws Exception {
		this.certificates.close();
		Path state = this.dir.resolve(TlsStore.STATE);
		TlsState stored = JSON.readValue(state.toFile(), TlsState.class);
		TlsState mixed = new TlsState(stored.format(), stored.caCertificate(), stored.caKey(),
				stored.serverCertificate(), stored.serverKey(), stored.clientCertificate(), stored.serverKey(),
				stored.domainNames(), stored.outdatedNotify(), stored.retiredClientSerials());
		Files.write(state, JSON.writeValueAsBytes(mixed));

		assertThatIllegalStateException().isThrownBy(() -> open(() -> HOST))
			.withMessageContaining("is damaged")
			.withMessageContaining("does not match");
		assertThat(JSON.readValue(state.toFile(), TlsState.class)).isEqualTo(mixed);
		this.certificates = open(() -> HOST, true);
	}

	@Test
	void theBundleHoldsCaCertAndKeyInThatOrderFromOneGeneration() throws Exception {
		List<Bundle.Entry> entries = Bundle.entries(this.certificates.exportBundle());

		assertThat(entries).extracting(Bundle.Entry::name).containsExactly("ca.pem", "cert.pem", "key.pem");
		Bundle bundle = Bundle.of(this.certificates.exportBundle());
		assertThat(bundle.certificate()).isEqualTo(this.certificates.current().client().certificate());
		assertThat(bundle.isConsistent()).isTrue();
	}

	@Test
	void exportsRacingRotationsNeverPairACertificateWithAnotherKey() throws Exception {
		int rotations = 30;
		int exporters = 2;
		ExecutorService threads = Executors.newFixedThreadPool(exporters + 1);
		AtomicBoolean rotating = new AtomicBoolean(true);
		AtomicInteger exports = new AtomicInteger();
		Set<BigInteger> exportedSerials = ConcurrentHashMap.newKeySet();
		ConcurrentLinkedQueue<Bundle> mismatched = new ConcurrentLinkedQueue<>();
		CountDownLatch exporting = new CountDownLatch(exporters);
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (int i = 0; i < exporters; i++) {
				tasks.add(threads.submit(() -> {
					exporting.countDown();
					while (rotating.get()) {
						Bundle bundle = Bundle.of(this.certificates.exportBundle());
						if (!bundle.isConsistent()) {
							mismatched.add(bundle);
						}
						exportedSerials.add(bundle.certificate().getSerialNumber());
						exports.incrementAndGet();
					}
					return null;
				}));
			}
			tasks.add(threads.submit(() -> {
				exporting.await();
				for (int i = 0; i < rotations; i++) {
					this.certificates.rotateClient();
				}
				rotating.set(false);
				return null;
			}));
			for (Future<?> task : tasks) {
				task.get();
			}
		}
		finally {
			rotating.set(false);
			threads.shutdownNow();
		}
		assertThat(mismatched).isEmpty();
		assertThat(exports.get()).isPositive();
		assertThat(exportedSerials).as("exports saw several generations").hasSizeGreaterThan(1);
		assertThat(this.certificates.current().retiredClientSerials()).hasSize(rotations);
	}

	@Test
	void aFailedWriteChangesNeitherMemoryNorDisk() throws Exception {
		TlsGeneration before = this.certificates.current();
		// The rename over the state cannot happen: a non-empty folder is in the way.
		Files.delete(this.dir.resolve(TlsStore.STATE));
		Files.createDirectories(this.dir.resolve(TlsStore.STATE).resolve("blocker"));

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(this.certificates::rotateClient);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.certificates.setDomainNames(List.of("x.example.com")));

		assertThat(this.certificates.current()).isSameAs(before);
		assertThat(readCertificate(TlsStore.CLIENT_CERTIFICATE)).isEqualTo(before.client().certificate());
	}

	@Test
	void regenerateReplacesEveryCertificateAndKeepsTheDomainNames() throws Exception {
		this.certificates.setDomainNames(List.of("docker.example.test"));
		this.certificates.setOutdatedNotify(false);
		this.certificates.rotateClient();
		TlsGeneration before = this.certificates.current();

		this.certificates.regenerate();

		TlsGeneration after = this.certificates.current();
		assertThat(after.ca().certificate()).isNotEqualTo(before.ca().certificate());
		assertThat(after.ca().certificate().getPublicKey()).isNotEqualTo(before.ca().certificate().getPublicKey());
		assertThat(after.client().certificate().getPublicKey())
			.isNotEqualTo(before.client().certificate().getPublicKey());
		assertThat(sans(after.server().certificate())).contains("DNS:docker.example.test");
		assertThat(after.retiredClientSerials()).isEmpty();
		assertThat(after.outdatedNotify()).isTrue();
		assertThat(readCertificate(TlsStore.CA_CERTIFICATE)).isEqualTo(after.ca().certificate());
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> check(before.client().certificate()));
	}

	@Test
	void aStateGivenBackRestoresTheMaterialAndTheState() throws Exception {
		this.certificates.setDomainNames(List.of("before.example.test"));
		TlsGeneration saved = this.certificates.current();
		TlsState state = this.certificates.state();

		this.certificates.regenerate();
		this.certificates.setDomainNames(List.of("after.example.test"));
		this.certificates.rotateClient();
		this.certificates.restore(state);

		TlsGeneration restored = this.certificates.current();
		assertThat(restored.ca().certificatePem()).isEqualTo(saved.ca().certificatePem());
		assertThat(restored.client().keyPem()).isEqualTo(saved.client().keyPem());
		assertThat(restored.domainNames()).containsExactly("before.example.test");
		assertThat(restored.retiredClientSerials()).isEmpty();
		assertThat(readCertificate(TlsStore.CLIENT_CERTIFICATE)).isEqualTo(saved.client().certificate());
		check(saved.client().certificate());
	}

	@Test
	void aStateThatDoesNotHoldTogetherIsRefusedAndChangesNothing() {
		TlsState state = this.certificates.state();
		TlsState mixed = new TlsState(state.format(), state.caCertificate(), state.caKey(), state.serverCertificate(),
				state.serverKey(), state.clientCertificate(), state.caKey(), state.domainNames(),
				state.outdatedNotify(), state.retiredClientSerials());
		TlsGeneration before = this.certificates.current();

		assertThatIllegalArgumentException().isThrownBy(() -> this.certificates.restore(mixed))
			.withMessageContaining("does not match");
		assertThat(this.certificates.current()).isSameAs(before);
	}

	@Test
	void metadataDescribesTheCertificatesWithoutAnyKey() {
		this.certificates.setDomainNames(List.of("docker.example.test"));
		this.certificates.rotateClient();
		TlsGeneration generation = this.certificates.current();

		TlsMetadata metadata = this.certificates.metadata();

		assertThat(metadata.directory()).isEqualTo(this.dir.toAbsolutePath().toString());
		assertThat(metadata.keyType()).isEqualTo("ec-p256");
		assertThat(metadata.certificates()).extracting(CertificateMetadata::role)
			.containsExactly("ca", "server", "client");
		CertificateMetadata server = metadata.certificates().get(1);
		assertThat(server.subjectAlternativeNames()).contains("DNS:docker.example.test", "IP:127.0.0.1");
		assertThat(server.issuer()).isEqualTo(metadata.certificates().get(0).subject());
		CertificateMetadata client = metadata.certificates().get(2);
		assertThat(client.subject()).contains("CN=client");
		assertThat(new BigInteger(client.serialNumber(), 16))
			.isEqualTo(generation.client().certificate().getSerialNumber());
		assertThat(client.notBefore()).isEqualTo(VENDOR_START);
		assertThat(client.notAfter()).isEqualTo(VENDOR_START.plus(Duration.ofDays(1080)));
		assertThat(metadata.domainNames()).containsExactly("docker.example.test");
		assertThat(metadata.retiredClientSerials()).hasSize(1);
		assertThat(metadata.toString()).doesNotContain("PRIVATE KEY")
			.doesNotContain(generation.client().keyPem().lines().skip(1).findFirst().orElseThrow());
	}

	private TlsCertificates open(Supplier<LocalNames> names) throws IOException {
		return open(names, false);
	}

	private TlsCertificates open(Supplier<LocalNames> names, boolean fresh) throws IOException {
		if (fresh) {
			FileSystemUtils.deleteRecursively(this.dir);
		}
		TlsCertificates opened = new TlsCertificates(this.dir, this.random, this.clock, KeyType.EC_P256,
				Duration.ofDays(30), names);
		try {
			// A first start makes the material in the background: wait for it, as every
			// use does.
			opened.current();
			return opened;
		}
		catch (RuntimeException ex) {
			opened.close();
			throw ex;
		}
	}

	private void check(X509Certificate client) throws CertificateException {
		this.certificates.current().checkClient(client, this.clock.instant());
	}

	private X509Certificate readCertificate(String name) throws Exception {
		Path file = this.dir.resolve(name);
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
	}

	static List<String> sans(X509Certificate certificate) throws Exception {
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		List<String> result = new ArrayList<>();
		for (List<?> name : (names != null) ? names : List.<List<?>>of()) {
			result.add((((Integer) name.get(0)) == 2 ? "DNS:" : "IP:") + name.get(1));
		}
		return result;
	}

	private static InetAddress address(String literal) {
		return DomainNames.toAddress(literal);
	}

}
