package dev.csemu.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.csemu.tls.DomainNames.LocalNames;
import dev.csemu.tls.TlsGeneration.Credential;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Profile;
import dev.csemu.tls.internal.KeyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker TLS material of the emulated NAS: a private CA, the Docker endpoint's server
 * certificate and the client certificate users export, kept in the TLS folder and held in
 * memory as one immutable {@link TlsGeneration} that every change replaces in a single
 * swap, after it is on disk. Knows nothing of HTTP. The control plane may also
 * {@linkplain #regenerate() regenerate} everything, take and give back the
 * {@linkplain #state() state}, and read the {@linkplain #metadata() metadata}.
 */
public final class TlsCertificates implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TlsCertificates.class);

	/** Every vendor example spans exactly this. */
	static final Duration VALIDITY = Duration.ofDays(1080);

	private final TlsStore store;

	private final SecureRandom random;

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

	/**
	 * Opens and locks the TLS folder, and loads the material from it, or creates it on
	 * first start. The folder is released again when this fails.
	 * @throws IllegalStateException when the stored material is damaged
	 */
	TlsCertificates(Path dir, SecureRandom random, Clock clock, KeyType keyType, Duration notifyBefore,
			Supplier<LocalNames> localNames) {
		this.random = random;
		this.clock = clock;
		this.keyType = keyType;
		this.notifyBefore = notifyBefore;
		this.localNames = localNames;
		try {
			this.store = TlsStore.open(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the TLS folder " + dir.toAbsolutePath(), ex);
		}
		try {
			Optional<TlsState> stored = this.store.read();
			if (stored.isPresent()) {
				this.current.set(TlsGeneration.fromState(stored.get()));
				reissueWhenMoved();
				this.ready = CompletableFuture.completedFuture(null);
			}
			else {
				// First start: the keys are made in the background, so that the API
				// answers meanwhile; whatever needs the material waits for it.
				Instant notBefore = now();
				this.ready = CompletableFuture.runAsync(() -> {
					swap((none) -> createAll(List.of(), notBefore));
					logger.info("Created a new Docker TLS CA, server and client certificate in {}", directory());
				}, (task) -> {
					Thread thread = new Thread(task, "tls-first-start");
					thread.setDaemon(true);
					thread.start();
				});
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw released(new IllegalStateException("The TLS material in " + directory() + " is damaged ("
					+ ex.getMessage() + "). Move the folder away to start with new certificates.", ex));
		}
		catch (RuntimeException ex) {
			throw released(ex);
		}
	}

	/** Releases the TLS folder after a failed start. */
	private RuntimeException released(RuntimeException failure) {
		try {
			this.store.close();
		}
		catch (IOException closing) {
			failure.addSuppressed(closing);
		}
		return failure;
	}

	/**
	 * Issues the server certificate again when it no longer names this machine (its
	 * addresses may have changed since).
	 */
	private void reissueWhenMoved() {
		TlsGeneration loaded = this.current.get();
		if (covers(loaded.server(), loaded.domainNames())) {
			logger.info("Using the Docker TLS material in {}", directory());
			return;
		}
		swap((generation) -> withDomainNames(generation, generation.domainNames()));
		logger.info("Reissued the Docker TLS server certificate: this machine's names or addresses changed");
	}

	/** A whole new set: new keys everywhere, the warning armed, nothing retired. */
	private TlsGeneration createAll(List<String> domainNames, Instant notBefore) {
		Credential ca = issue(Profile.CA, this.keyType.generate(this.random), "Container Station Emulator CA",
				List.of(), null, notBefore);
		Credential server = server(ca, this.keyType.generate(this.random), domainNames, notBefore);
		Credential client = issue(Profile.CLIENT, this.keyType.generate(this.random), "client", List.of(), ca,
				notBefore);
		return new TlsGeneration(ca, server, client, domainNames, true, Set.of());
	}

	/** The server certificate issued again, with the same key, for these domain names. */
	private TlsGeneration withDomainNames(TlsGeneration generation, List<String> domainNames) {
		KeyPair keys = new KeyPair(generation.server().certificate().getPublicKey(), generation.server().key());
		return generation.withServer(server(generation.ca(), keys, domainNames, now()), domainNames);
	}

	/**
	 * A NAS web certificate with a new key, for the same names as the server certificate.
	 * @param ca the CA that signs it, or null for a self-signed one
	 */
	Credential issueWeb(Credential ca, List<String> domainNames) {
		return server(ca, this.keyType.generate(this.random), domainNames, now());
	}

	/**
	 * Whether a server certificate still names this machine and the domain names (the
	 * machine's addresses may have changed since it was issued).
	 */
	boolean covers(Credential server, List<String> domainNames) {
		return server.subjectAlternativeNames().containsAll(this.localNames.get().subjectAlternativeNames(domainNames));
	}

	private Credential server(Credential ca, KeyPair keys, List<String> domainNames, Instant notBefore) {
		LocalNames local = this.localNames.get();
		return issue(Profile.SERVER, keys, local.hostName(), local.subjectAlternativeNames(domainNames), ca, notBefore);
	}

	/**
	 * Issues a certificate valid for {@link #VALIDITY}, signed by the CA or else itself.
	 */
	private Credential issue(Profile profile, KeyPair keys, String commonName, List<String> names, Credential ca,
			Instant notBefore) {
		return Credential.of(BouncyCastleCertificateAuthority.issue(this.random, profile, commonName, keys.getPublic(),
				names, (ca != null) ? ca.certificate() : null, (ca != null) ? ca.key() : keys.getPrivate(), notBefore,
				notBefore.plus(VALIDITY)), keys.getPrivate());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	/** The current generation; waits on the very first start until it exists. */
	TlsGeneration current() {
		this.ready.join();
		return this.current.get();
	}

	/** What {@code GET /tls} answers, on the emulator's clock. */
	Status status() {
		TlsGeneration generation = current();
		X509Certificate client = generation.client().certificate();
		Instant notAfter = client.getNotAfter().toInstant();
		boolean endsSoon = !notAfter.isAfter(this.clock.instant().plus(this.notifyBefore));
		return new Status(LocalDate.ofInstant(client.getNotBefore().toInstant(), this.clock.getZone()),
				LocalDate.ofInstant(notAfter, this.clock.getZone()), generation.outdatedNotify() && endsSoon);
	}

	/**
	 * Dismisses (false) or re-arms (true) the expiry warning of the client certificate.
	 */
	void setOutdatedNotify(boolean notify) {
		update((generation) -> generation.withOutdatedNotify(notify));
	}

	/**
	 * Sets the extra names (checked; empty clears them) and reissues the server
	 * certificate.
	 */
	void setDomainNames(List<String> names) {
		update((generation) -> withDomainNames(generation, names));
	}

	/**
	 * Replaces the client certificate and key, retires the old serial, re-arms the
	 * warning.
	 */
	public void rotateClient() {
		update((generation) -> generation.withRotatedClient(issue(Profile.CLIENT, this.keyType.generate(this.random),
				"client", List.of(), generation.ca(), now())));
	}

	/**
	 * The client bundle, {@code cert.zip}, all from one generation: {@code ca.pem},
	 * {@code cert.pem} and {@code key.pem} in that order, dated by the client
	 * certificate.
	 */
	public byte[] exportBundle() {
		TlsGeneration generation = current();
		long time = generation.client().certificate().getNotBefore().getTime();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			putPem(zip, "ca.pem", generation.ca().certificatePem(), time);
			putPem(zip, "cert.pem", generation.client().certificatePem(), time);
			putPem(zip, "key.pem", generation.client().keyPem(), time);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void putPem(ZipOutputStream zip, String name, String pem, long time) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(time);
		zip.putNextEntry(entry);
		zip.write(pem.getBytes(StandardCharsets.US_ASCII));
		zip.closeEntry();
	}

	/** The TLS folder, which this emulator holds locked. */
	public Path directory() {
		return this.store.directory();
	}

	/**
	 * Replaces all the material with new keys of the configured type. The domain names
	 * stay; the retired serials are forgotten (the new CA refuses every older certificate
	 * anyway) and the expiry warning is armed.
	 */
	public void regenerate() {
		update((generation) -> createAll(generation.domainNames(), now()));
		logger.info("Regenerated the Docker TLS material");
	}

	/** The whole current state, for the control plane's snapshots. */
	public TlsState state() {
		return current().toState();
	}

	/**
	 * Makes a saved state current again, on disk and for new Docker connections.
	 * @throws IllegalArgumentException when the state does not hold together; nothing
	 * changes then
	 */
	public void restore(TlsState state) {
		TlsGeneration restored = TlsGeneration.fromState(state);
		update((generation) -> restored);
	}

	/** The public facts of the current material, for a diagnosis report. Never a key. */
	public TlsMetadata metadata() {
		TlsGeneration generation = current();
		return new TlsMetadata(directory().toString(),
				KeyType.of(generation.ca().certificate().getPublicKey()).configName(),
				List.of(generation.ca().metadata("ca"), generation.server().metadata("server"),
						generation.client().metadata("client")),
				generation.domainNames(), status().outdatedNotify(),
				generation.retiredClientSerials().stream().map(TlsGeneration::hex).toList());
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

	private void update(UnaryOperator<TlsGeneration> change) {
		current();
		swap(change);
	}

	/** Writes the changed generation to the store first, then makes it current. */
	private void swap(UnaryOperator<TlsGeneration> change) {
		synchronized (this.writeLock) {
			TlsGeneration next = change.apply(this.current.get());
			try {
				this.store.write(next.toState());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write the TLS material to " + directory(), ex);
			}
			this.current.set(next);
		}
	}

	/**
	 * The client certificate's first and last valid day, and whether to warn: it ends
	 * within {@code notify-before} and the warning was not dismissed.
	 */
	record Status(LocalDate startDate, LocalDate endDate, boolean outdatedNotify) {
	}

}
