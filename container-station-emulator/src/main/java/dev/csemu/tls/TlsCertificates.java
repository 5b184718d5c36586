package dev.csemu.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.csemu.tls.internal.CertificateAuthority;
import dev.csemu.tls.internal.CertificateAuthority.Validity;
import dev.csemu.tls.internal.KeyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker TLS material of the emulated NAS: a private CA, the Docker endpoint's server
 * certificate and the client certificate users export, kept in the TLS folder and held in
 * memory as one immutable {@link TlsGeneration} that every change replaces in a single
 * swap, after it is on disk. Knows nothing of HTTP.
 *
 * <p>
 * Besides what the emulated API needs, it offers the emulator's control API a way to
 * {@linkplain #regenerate() regenerate} everything and to take and give back its
 * {@linkplain #state() state}, and a diagnosis report the {@linkplain #metadata()
 * metadata}.
 */
public final class TlsCertificates implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TlsCertificates.class);

	private final TlsStore store;

	private final CertificateAuthority authority;

	private final CertificateIssuer issuer;

	private final Clock clock;

	private final Duration notifyBefore;

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
		this.issuer = new CertificateIssuer(authority, clock, keyType, localNames);
		this.clock = clock;
		this.notifyBefore = notifyBefore;
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
			TlsGeneration reissued = loaded.withServer(this.issuer.reissueServer(loaded, loaded.domainNames()));
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

	/**
	 * The current generation: certificates and keys that belong together. Waits until the
	 * material exists (only ever a wait on the very first start).
	 * @return the current generation
	 */
	TlsGeneration current() {
		this.ready.join();
		return this.current.get();
	}

	TlsStatus status() {
		return TlsStatus.of(current(), this.clock, this.notifyBefore);
	}

	/**
	 * Dismisses (false) or re-arms (true) the expiry warning of the client certificate.
	 * @param notify the user's choice
	 */
	void setOutdatedNotify(boolean notify) {
		update((generation) -> generation.withOutdatedNotify(notify));
	}

	/**
	 * Sets the extra names and reissues the server certificate (same CA, same key) with
	 * them.
	 * @param names checked DNS names and IP literals; empty clears them
	 */
	void setDomainNames(List<String> names) {
		update((generation) -> generation.withDomainNames(names, this.issuer.reissueServer(generation, names)));
	}

	/**
	 * Replaces the client certificate and key; the old serial is retired and the expiry
	 * warning armed again.
	 */
	public void rotateClient() {
		update((generation) -> generation.withRotatedClient(this.issuer.newClient(generation.ca())));
	}

	/**
	 * The client bundle, {@code cert.zip}, all from one generation.
	 * @return the zip archive
	 */
	public byte[] exportBundle() {
		return BundleExport.zip(current());
	}

	/**
	 * Runs the action after every change of the material.
	 * @param listener the action
	 */
	void onChange(Runnable listener) {
		this.changeListeners.add(listener);
	}

	/**
	 * The TLS folder, which this emulator holds locked.
	 * @return its absolute path
	 */
	public Path directory() {
		return this.store.directory();
	}

	/**
	 * Replaces all the material: a new CA, server and client certificate, with new keys
	 * of the configured type. The domain names stay; the retired serials are forgotten
	 * (the new CA refuses every older certificate anyway) and the expiry warning is
	 * armed.
	 */
	public void regenerate() {
		update((generation) -> this.issuer.createAll(generation.domainNames(), this.issuer.validityFromNow()));
		logger.info("Regenerated the Docker TLS material");
	}

	/**
	 * The whole current state, for the control plane's snapshots.
	 * @return an immutable value
	 */
	public TlsState state() {
		return current().toState();
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
		this.changeListeners.forEach(Runnable::run);
	}

	private void persist(TlsGeneration generation) {
		try {
			this.store.write(generation.toState());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the TLS material to " + this.store.directory(), ex);
		}
	}

}
