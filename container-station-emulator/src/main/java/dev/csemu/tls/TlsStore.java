package dev.csemu.tls;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TLS folder. The truth is one file, {@code tls-state.json}, replaced as a whole by
 * {@link PrivateFiles#write}: a kill -9 at any instant leaves the complete old state or
 * the complete new one. The PEM files users look at are derived from it after each write
 * and again at every start, so a crash between the two leaves them stale only until the
 * next start. One emulator at a time: {@code .lock} is locked while the store is open.
 */
final class TlsStore implements Closeable {

	static final String STATE = "tls-state.json";

	static final String CA_CERTIFICATE = "ca.pem";

	static final String CA_KEY = "ca-key.pem";

	static final String SERVER_CERTIFICATE = "server-cert.pem";

	static final String SERVER_KEY = "server-key.pem";

	static final String CLIENT_CERTIFICATE = "cert.pem";

	static final String CLIENT_KEY = "key.pem";

	/** The files derived from the state, and which part of it each one holds. */
	private static final Map<String, Function<TlsState, String>> DERIVED = Map.of(CA_CERTIFICATE,
			TlsState::caCertificate, CA_KEY, TlsState::caKey, SERVER_CERTIFICATE, TlsState::serverCertificate,
			SERVER_KEY, TlsState::serverKey, CLIENT_CERTIFICATE, TlsState::clientCertificate, CLIENT_KEY,
			TlsState::clientKey);

	private static final String LOCK = ".lock";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path dir;

	private final FileChannel lock;

	private TlsStore(Path dir, FileChannel lock) {
		this.dir = dir;
		this.lock = lock;
	}

	/**
	 * Opens the folder, creating it owner-only when absent, and locks it.
	 * @throws TlsFolderInUseException when another emulator holds the folder
	 */
	static TlsStore open(Path directory) throws IOException {
		Path dir = directory.toAbsolutePath().normalize();
		PrivateFiles.createOwnerOnlyDirectory(dir);
		FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		try {
			if (channel.tryLock() != null) {
				PrivateFiles.sweep(dir);
				return new TlsStore(dir, channel);
			}
		}
		catch (OverlappingFileLockException ex) {
			// This JVM holds the lock already.
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		channel.close();
		throw new TlsFolderInUseException(dir);
	}

	Path directory() {
		return this.dir;
	}

	/**
	 * The stored state, empty before the first write; the PEM files are brought up to
	 * date.
	 * @throws IOException when the state is unreadable
	 * @throws IllegalStateException when the folder holds the layout of an earlier
	 * version ({@code current} naming a folder in {@code generations/}); it is left as it
	 * is
	 */
	Optional<TlsState> read() throws IOException {
		Path file = this.dir.resolve(STATE);
		if (!Files.exists(file)) {
			if (Files.exists(this.dir.resolve("current"), LinkOption.NOFOLLOW_LINKS)) {
				throw new IllegalStateException("The TLS folder " + this.dir + " holds the layout of an earlier "
						+ "version of the emulator (current, generations/), which this version does not read. Nothing "
						+ "in it was changed: move it away (generations/ keeps the old certificates) to start with new "
						+ "certificates, or choose another folder with emulator.tls.dir.");
			}
			return Optional.empty();
		}
		TlsState state;
		try {
			state = JSON.readValue(file.toFile(), TlsState.class);
		}
		catch (JacksonException ex) {
			throw new IOException(STATE + " is unreadable: " + ex.getOriginalMessage(), ex);
		}
		if (state.format() != TlsState.FORMAT) {
			throw new IOException(STATE + " has format " + state.format() + ", not " + TlsState.FORMAT
					+ " (written by another version of the emulator?)");
		}
		derive(state);
		return Optional.of(state);
	}

	/** Replaces the state atomically (or not at all), then the PEM files. */
	void write(TlsState state) throws IOException {
		PrivateFiles.write(this.dir.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state),
				true);
		derive(state);
	}

	private void derive(TlsState state) throws IOException {
		for (Map.Entry<String, Function<TlsState, String>> file : DERIVED.entrySet()) {
			Path path = this.dir.resolve(file.getKey());
			byte[] content = file.getValue().apply(state).getBytes(StandardCharsets.US_ASCII);
			boolean current = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
					&& Arrays.equals(Files.readAllBytes(path), content);
			if (!current) {
				PrivateFiles.write(path, content, file.getKey().endsWith("key.pem"));
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.lock.close();
	}

}
