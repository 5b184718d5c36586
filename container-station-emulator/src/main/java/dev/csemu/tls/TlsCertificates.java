package dev.csemu.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.csemu.tls.DomainNames.LocalNames;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Validity;
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

	private final TlsStore store;

	private final BouncyCastleCertificateAuthority authority;

	private final CertificateIssuer issuer;

	private final Clock clock;

	private final Duration notifyBefore;

	private final Object writeLock = new Object();

	private final AtomicReference<TlsGeneration> current = new AtomicReference<>();

	/**
	 * Done once the first generation is current; every use of the material waits for it.
	 */
	private final CompletableFuture<Void> ready;

	/**
	 * Loads the material from the store, or creates it on first start.
	 * @throws IllegalStateException when the stored material is damaged
	 */
	TlsCertificates(TlsStore store, BouncyCastleCertificateAuthority authority, Clock clock, KeyType keyType,
			Duration notifyBefore, Supplier<LocalNames> localNames) {
		this.store = store;
		this.authority = authority;
		this.issuer = new CertificateIssuer(authority, clock, keyType, localNames);
		this.clock = clock;
		this.notifyBefore = notifyBefore;
		Optional<TlsState> stored;
		try {
			stored = store.read();
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
			Validity validity = this.issuer.validityFromNow();
			this.ready = CompletableFuture.runAsync(() -> createFirst(validity), (task) -> {
				Thread thread = new Thread(task, "tls-first-start");
				thread.setDaemon(true);
				thread.start();
			});
		}
	}

	private void createFirst(Validity validity) {
		synchronized (this.writeLock) {
			TlsGeneration created = this.issuer.createAll(List.of(), validity);
			persist(created);
			this.current.set(created);
		}
		logger.info("Created a new Docker TLS CA, server and client certificate in {}", this.store.directory());
	}

	private TlsGeneration load(TlsState state) {
		TlsGeneration loaded;
		try {
			loaded = TlsGeneration.fromState(state, this.authority);
		}
		catch (IllegalArgumentException ex) {
			throw damaged(ex.getMessage(), ex);
		}
		if (!this.issuer.covers(loaded.server(), loaded.domainNames())) {
			TlsGeneration reissued = loaded.withServer(this.issuer.reissueServer(loaded, loaded.domainNames()),
					loaded.domainNames());
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

	CertificateIssuer issuer() {
		return this.issuer;
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
		update((generation) -> generation.withServer(this.issuer.reissueServer(generation, names), names));
	}

	/**
	 * Replaces the client certificate and key, retires the old serial, re-arms the
	 * warning.
	 */
	public void rotateClient() {
		update((generation) -> generation
			.withRotatedClient(this.issuer.newClient(generation.ca(), this.issuer.validityFromNow())));
	}

	/** The client bundle, {@code cert.zip}, all from one generation. */
	public byte[] exportBundle() {
		return current().bundle();
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
		update((generation) -> this.issuer.createAll(generation.domainNames(), this.issuer.validityFromNow()));
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
		TlsGeneration restored = TlsGeneration.fromState(state, this.authority);
		update((generation) -> restored);
	}

	/** The public facts of the current material, for a diagnosis report. Never a key. */
	public TlsMetadata metadata() {
		return TlsMetadata.of(current(), directory(), status().outdatedNotify());
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
		synchronized (this.writeLock) {
			TlsGeneration next = change.apply(this.current.get());
			persist(next);
			this.current.set(next);
		}
	}

	private void persist(TlsGeneration generation) {
		try {
			this.store.write(generation.toState());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the TLS material to " + this.store.directory(), ex);
		}
	}

	/**
	 * The client certificate's first and last valid day, and whether to warn: it ends
	 * within {@code notify-before} and the warning was not dismissed.
	 */
	record Status(LocalDate startDate, LocalDate endDate, boolean outdatedNotify) {
	}

}
