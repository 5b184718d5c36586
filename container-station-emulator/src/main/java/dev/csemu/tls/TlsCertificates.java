package dev.csemu.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.csemu.tls.TlsMetadata.CertificateMetadata;
import dev.csemu.tls.internal.CertificateAuthority;
import dev.csemu.tls.internal.CertificateAuthority.Issuer;
import dev.csemu.tls.internal.CertificateAuthority.Validity;
import dev.csemu.tls.internal.KeyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker TLS material of the emulated NAS: a private CA, the Docker endpoint's server
 * certificate and the client certificate users export, kept in the TLS folder and held in
 * memory as one immutable {@link TlsGeneration} that every change replaces in a single
 * swap. Knows nothing of HTTP.
 *
 * <p>
 * Besides what the emulated API needs, it offers the emulator's control API a way to
 * {@linkplain #regenerate() regenerate} everything and to take and give back its
 * {@linkplain #state() state}, and a diagnosis report the {@linkplain #metadata()
 * metadata}.
 */
public final class TlsCertificates implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TlsCertificates.class);

	/** How long every certificate is valid: every vendor example spans exactly this. */
	static final Duration VALIDITY = Duration.ofDays(1080);

	static final String CA_COMMON_NAME = "Container Station Emulator CA";

	static final String CLIENT_COMMON_NAME = "client";

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final int SAN_DNS = 2;

	private static final int SAN_IP = 7;

	private final TlsStore store;

	private final CertificateAuthority authority;

	private final Clock clock;

	private final KeyType keyType;

	private final Duration notifyBefore;

	private final Supplier<LocalNames> localNames;

	private final Object writeLock = new Object();

	private final AtomicReference<TlsGeneration> current = new AtomicReference<>();

	/**
	 * Done once the first generation is current; every use of the material waits for it.
	 */
	private final CompletableFuture<Void> ready;

	private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

	/**
	 * Loads the material from the store, or creates it on first start.
	 * @param store the open TLS folder
	 * @param authority issues certificates
	 * @param clock the emulator's clock
	 * @param keyType the type of new keys
	 * @param notifyBefore how long before the client certificate ends the warning shows
	 * @param localNames this machine's names, for the server certificate
	 * @throws IllegalStateException when the stored material is damaged
	 */
	TlsCertificates(TlsStore store, CertificateAuthority authority, Clock clock, KeyType keyType, Duration notifyBefore,
			Supplier<LocalNames> localNames) {
		this.store = store;
		this.authority = authority;
		this.clock = clock;
		this.keyType = keyType;
		this.notifyBefore = notifyBefore;
		this.localNames = localNames;
		Optional<TlsState> stored;
		try {
			stored = this.store.read();
		}
		catch (IOException ex) {
			throw damaged(ex.getMessage(), ex);
		}
		if (stored.isPresent()) {
			synchronized (this.writeLock) {
				this.current.set(load(stored.get()));
			}
			this.ready = CompletableFuture.completedFuture(null);
		}
		else {
			// First start: the keys are made in the background, so that the API answers
			// meanwhile; whatever needs the material waits for it.
			Validity validity = validityFromNow();
			this.ready = CompletableFuture.runAsync(() -> createFirst(validity), (task) -> {
				Thread thread = new Thread(task, "tls-first-start");
				thread.setDaemon(true);
				thread.start();
			});
		}
	}

	private void createFirst(Validity validity) {
		synchronized (this.writeLock) {
			TlsGeneration created = createAll(List.of(), validity);
			persist(created);
			this.current.set(created);
		}
		logger.info("Created a new Docker TLS CA, server and client certificate in {}", this.store.directory());
	}

	/**
	 * Waits until the material exists (only ever a wait on the very first start).
	 * @return the current generation
	 */
	private TlsGeneration generation() {
		this.ready.join();
		return this.current.get();
	}

	private TlsGeneration load(TlsState state) {
		TlsGeneration loaded;
		try {
			loaded = TlsGeneration.fromState(state, this.authority);
		}
		catch (IllegalArgumentException ex) {
			throw damaged(ex.getMessage(), ex);
		}
		if (!serverCertificateCovers(loaded.server().certificate(), loaded.domainNames())) {
			TlsGeneration reissued = loaded.withServer(
					issueServer(loaded.ca(), keyPair(loaded.server()), loaded.domainNames(), validityFromNow()));
			persist(reissued);
			logger.info("Reissued the Docker TLS server certificate: this machine's names or addresses changed");
			return reissued;
		}
		logger.info("Using the Docker TLS material in {}", this.store.directory());
		return loaded;
	}

	private IllegalStateException damaged(String reason, Exception cause) {
		return new IllegalStateException("The TLS material in " + this.store.directory() + " is damaged (" + reason
				+ "). Move the folder away to start with new certificates.", cause);
	}

	// The emulated API

	/**
	 * The current generation: certificates and keys that belong together.
	 * @return the current generation
	 */
	TlsGeneration current() {
		return generation();
	}

	/**
	 * The client certificate's dates and whether to warn about its end, now.
	 * @return what {@code GET /tls} answers
	 */
	Status status() {
		TlsGeneration generation = generation();
		X509Certificate client = generation.client().certificate();
		Instant notAfter = client.getNotAfter().toInstant();
		Instant now = this.clock.instant();
		ZoneId zone = this.clock.getZone();
		boolean endsSoon = !notAfter.isAfter(now.plus(this.notifyBefore));
		return new Status(LocalDate.ofInstant(client.getNotBefore().toInstant(), zone),
				LocalDate.ofInstant(notAfter, zone), generation.outdatedNotify() && endsSoon);
	}

	/**
	 * Dismisses (false) or re-arms (true) the expiry warning of the client certificate.
	 * @param notify the user's choice
	 */
	void setOutdatedNotify(boolean notify) {
		update((generation) -> generation.withOutdatedNotify(notify));
	}

	/**
	 * The extra names of the server certificate.
	 * @return DNS names and IP literals, in the order given
	 */
	List<String> domainNames() {
		return generation().domainNames();
	}

	/**
	 * Sets the extra names and reissues the server certificate (same CA, same key) with
	 * them.
	 * @param names checked DNS names and IP literals; empty clears them
	 */
	void setDomainNames(List<String> names) {
		update((generation) -> generation.withDomainNames(names,
				issueServer(generation.ca(), keyPair(generation.server()), names, validityFromNow())));
	}

	/**
	 * Replaces the client certificate and key; the old serial is retired and the expiry
	 * warning armed again.
	 */
	void rotateClient() {
		update((generation) -> generation.withRotatedClient(
				issueClient(generation.ca(), this.authority.generateKeyPair(this.keyType), validityFromNow())));
	}

	/**
	 * The client bundle, {@code cert.zip}: {@code ca.pem}, {@code cert.pem} and
	 * {@code key.pem}, in that order, all from one generation.
	 * @return the zip archive
	 */
	byte[] exportBundle() {
		TlsGeneration generation = generation();
		long time = generation.client().certificate().getNotBefore().getTime();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			entry(zip, "ca.pem", generation.ca().certificatePem(), time);
			entry(zip, "cert.pem", generation.client().certificatePem(), time);
			entry(zip, "key.pem", generation.client().keyPem(), time);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void entry(ZipOutputStream zip, String name, String content, long time) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(time);
		zip.putNextEntry(entry);
		zip.write(content.getBytes(StandardCharsets.US_ASCII));
		zip.closeEntry();
	}

	// The Docker endpoint

	/**
	 * Accepts a client certificate for the Docker endpoint: issued and signed by the
	 * current CA, for client authentication, valid on the emulator's clock, and not
	 * retired.
	 * @param certificate the client's certificate
	 * @throws CertificateException when it is refused, saying why
	 */
	void checkClientCertificate(X509Certificate certificate) throws CertificateException {
		TlsGeneration generation = generation();
		X509Certificate ca = generation.ca().certificate();
		if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
			throw new CertificateException("the client certificate was not issued by the emulator's CA");
		}
		try {
			certificate.verify(ca.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw new CertificateException("the client certificate is not signed by the emulator's current CA", ex);
		}
		List<String> usages = certificate.getExtendedKeyUsage();
		if (usages == null || !usages.contains(CLIENT_AUTH)) {
			throw new CertificateException("the certificate is not for client authentication");
		}
		certificate.checkValidity(Date.from(this.clock.instant()));
		if (generation.retiredClientSerials().contains(certificate.getSerialNumber())) {
			throw new CertificateException("client certificate " + TlsGeneration.hex(certificate.getSerialNumber())
					+ " was retired by a rotation");
		}
	}

	/**
	 * Runs the action after every change of the material.
	 * @param listener the action
	 */
	void onChange(Runnable listener) {
		this.changeListeners.add(listener);
	}

	/**
	 * The TLS folder.
	 * @return its absolute path
	 */
	public Path directory() {
		return this.store.directory();
	}

	// The control API and the diagnosis report

	/**
	 * Replaces all the material: a new CA, server and client certificate, with new keys
	 * of the configured type. The domain names stay; the retired serials are forgotten
	 * (the new CA refuses every older certificate anyway) and the expiry warning is
	 * armed.
	 */
	public void regenerate() {
		update((generation) -> createAll(generation.domainNames(), validityFromNow()));
		logger.info("Regenerated the Docker TLS material");
	}

	/**
	 * The whole current state, for the control plane's snapshots.
	 * @return an immutable value
	 */
	public TlsState state() {
		return generation().toState();
	}

	/**
	 * Makes a saved state current again, on disk and for new Docker connections.
	 * @param state a value {@link #state()} gave
	 * @throws IllegalArgumentException when the state does not hold together; nothing
	 * changes then
	 */
	public void restore(TlsState state) {
		TlsGeneration restored = TlsGeneration.fromState(state, this.authority);
		update((generation) -> restored);
	}

	/**
	 * The public facts of the current material, for a diagnosis report. Never a key.
	 * @return the metadata
	 */
	public TlsMetadata metadata() {
		TlsGeneration generation = generation();
		List<CertificateMetadata> certificates = List.of(describe("ca", generation.ca().certificate()),
				describe("server", generation.server().certificate()),
				describe("client", generation.client().certificate()));
		List<String> retired = generation.retiredClientSerials().stream().map(TlsGeneration::hex).toList();
		return new TlsMetadata(this.store.directory().toString(),
				KeyType.of(generation.ca().certificate().getPublicKey()).configName(), certificates,
				generation.domainNames(), status().outdatedNotify(), retired);
	}

	private static CertificateMetadata describe(String role, X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		for (List<?> name : subjectAlternativeNames(certificate)) {
			int type = (Integer) name.get(0);
			if (type == SAN_DNS) {
				names.add("DNS:" + name.get(1));
			}
			else if (type == SAN_IP) {
				names.add("IP:" + DomainNames.toAddress((String) name.get(1)).getHostAddress());
			}
		}
		return new CertificateMetadata(role, certificate.getSubjectX500Principal().getName(),
				certificate.getIssuerX500Principal().getName(), List.copyOf(names),
				TlsGeneration.hex(certificate.getSerialNumber()), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant());
	}

	/** Releases the TLS folder. */
	@Override
	public void close() throws IOException {
		try {
			this.ready.join();
		}
		catch (RuntimeException ex) {
			// The first start failed and said so; the folder is released all the same.
		}
		this.store.close();
	}

	// Issuing

	private TlsGeneration update(UnaryOperator<TlsGeneration> change) {
		TlsGeneration next;
		generation();
		synchronized (this.writeLock) {
			next = change.apply(this.current.get());
			persist(next);
			this.current.set(next);
		}
		this.changeListeners.forEach(Runnable::run);
		return next;
	}

	private void persist(TlsGeneration generation) {
		try {
			this.store.write(generation.toState());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the TLS material to " + this.store.directory(), ex);
		}
	}

	private TlsGeneration createAll(List<String> domainNames, Validity validity) {
		KeyPair caKeys = this.authority.generateKeyPair(this.keyType);
		Credential ca = credential(this.authority.issueCa(caKeys, CA_COMMON_NAME, validity), caKeys.getPrivate());
		Credential server = issueServer(ca, this.authority.generateKeyPair(this.keyType), domainNames, validity);
		Credential client = issueClient(ca, this.authority.generateKeyPair(this.keyType), validity);
		return new TlsGeneration(ca, server, client, domainNames, true, Set.of());
	}

	private Credential issueServer(Credential ca, KeyPair keys, List<String> domainNames, Validity validity) {
		LocalNames local = this.localNames.get();
		ServerNames names = serverNames(local, domainNames);
		X509Certificate certificate = this.authority.issueServer(issuer(ca), keys.getPublic(), local.hostName(),
				names.dnsNames(), names.addresses(), validity);
		return credential(certificate, keys.getPrivate());
	}

	private Credential issueClient(Credential ca, KeyPair keys, Validity validity) {
		X509Certificate certificate = this.authority.issueClient(issuer(ca), keys.getPublic(), CLIENT_COMMON_NAME,
				validity);
		return credential(certificate, keys.getPrivate());
	}

	private Credential credential(X509Certificate certificate, PrivateKey key) {
		return new Credential(certificate, key, this.authority.toPem(certificate), this.authority.toPem(key));
	}

	private static Issuer issuer(Credential ca) {
		return new Issuer(ca.certificate(), ca.key());
	}

	private static KeyPair keyPair(Credential credential) {
		PublicKey publicKey = credential.certificate().getPublicKey();
		return new KeyPair(publicKey, credential.key());
	}

	private Validity validityFromNow() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		return new Validity(now, now.plus(VALIDITY));
	}

	private static ServerNames serverNames(LocalNames local, List<String> domainNames) {
		Set<String> dns = new LinkedHashSet<>();
		Set<InetAddress> addresses = new LinkedHashSet<>();
		local.dnsNames().forEach((name) -> dns.add(name.toLowerCase(Locale.ROOT)));
		addresses.addAll(local.addresses());
		for (String name : domainNames) {
			if (DomainNames.isIpLiteral(name)) {
				addresses.add(DomainNames.toAddress(name));
			}
			else {
				dns.add(name.toLowerCase(Locale.ROOT));
			}
		}
		return new ServerNames(List.copyOf(dns), List.copyOf(addresses));
	}

	private boolean serverCertificateCovers(X509Certificate server, List<String> domainNames) {
		ServerNames wanted = serverNames(this.localNames.get(), domainNames);
		Set<String> dns = new LinkedHashSet<>();
		Set<InetAddress> addresses = new LinkedHashSet<>();
		for (List<?> name : subjectAlternativeNames(server)) {
			int type = (Integer) name.get(0);
			if (type == SAN_DNS) {
				dns.add(((String) name.get(1)).toLowerCase(Locale.ROOT));
			}
			else if (type == SAN_IP) {
				addresses.add(DomainNames.toAddress((String) name.get(1)));
			}
		}
		return dns.containsAll(wanted.dnsNames()) && addresses.containsAll(wanted.addresses());
	}

	private static Collection<List<?>> subjectAlternativeNames(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			return (names != null) ? names : List.of();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

	/**
	 * What {@code GET /tls} answers.
	 *
	 * @param startDate the client certificate's first valid day
	 * @param endDate the client certificate's last valid day
	 * @param outdatedNotify whether to warn that it ends soon
	 */
	record Status(LocalDate startDate, LocalDate endDate, boolean outdatedNotify) {
	}

	private record ServerNames(List<String> dnsNames, List<InetAddress> addresses) {
	}

}
