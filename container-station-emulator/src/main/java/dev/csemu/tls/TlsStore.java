package dev.csemu.tls;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The TLS folder: the current set of files, and named snapshots of it under
 * {@code snapshots/<name>/}, each an {@link AtomicFileSet}. One emulator at a time: the
 * folder's {@code .lock} file is locked while the store is open.
 */
final class TlsStore implements Closeable {

	static final String CA_CERTIFICATE = "ca.pem";

	static final String CA_KEY = "ca-key.pem";

	static final String SERVER_CERTIFICATE = "server-cert.pem";

	static final String SERVER_KEY = "server-key.pem";

	static final String CLIENT_CERTIFICATE = "cert.pem";

	static final String CLIENT_KEY = "key.pem";

	static final String STATE = "state.json";

	/** Every file of a set, in the order they are written. */
	static final List<String> FILES = List.of(CA_CERTIFICATE, CA_KEY, SERVER_CERTIFICATE, SERVER_KEY,
			CLIENT_CERTIFICATE, CLIENT_KEY, STATE);

	/** The private keys, owner-only. */
	static final Set<String> SECRETS = Set.of(CA_KEY, SERVER_KEY, CLIENT_KEY);

	static final String SNAPSHOTS = "snapshots";

	private static final String LOCK = ".lock";

	private static final String DELETED_PREFIX = ".deleted-";

	private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final Path dir;

	private final boolean posix;

	private final boolean symlinks;

	private final CrashPoint crashPoint;

	private final FileChannel lockChannel;

	private final AtomicFileSet current;

	private TlsStore(Path dir, boolean posix, boolean symlinks, CrashPoint crashPoint, FileChannel lockChannel) {
		this.dir = dir;
		this.posix = posix;
		this.symlinks = symlinks;
		this.crashPoint = crashPoint;
		this.lockChannel = lockChannel;
		this.current = fileSet(dir);
	}

	/**
	 * Opens the folder, creating it owner-only when absent, locks it and removes what an
	 * interrupted write left.
	 * @param directory the folder; relative to the working directory unless absolute
	 * @param crashPoint where tests inject failures, or {@link CrashPoint#NONE}
	 * @return the open store
	 * @throws IOException when the folder cannot be created or read
	 * @throws IllegalStateException when another emulator holds the folder
	 */
	static TlsStore open(Path directory, CrashPoint crashPoint) throws IOException {
		return open(directory, crashPoint, true);
	}

	static TlsStore open(Path directory, CrashPoint crashPoint, boolean useSymlinks) throws IOException {
		Path dir = directory.toAbsolutePath().normalize();
		boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
		AtomicFileSet.createPrivateDirectories(dir, posix);
		FileChannel lockChannel = lock(dir, posix);
		try {
			boolean symlinks = useSymlinks && symlinksWork(dir);
			TlsStore store = new TlsStore(dir, posix, symlinks, crashPoint, lockChannel);
			store.recover();
			return store;
		}
		catch (IOException | RuntimeException ex) {
			lockChannel.close();
			throw ex;
		}
	}

	private static FileChannel lock(Path dir, boolean posix) throws IOException {
		FileAttribute<?>[] attributes = posix
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(AtomicFileSet.PRIVATE_FILE) }
				: new FileAttribute<?>[0];
		FileChannel channel = FileChannel.open(dir.resolve(LOCK),
				EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), attributes);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			channel.close();
			throw new IllegalStateException("Another emulator is using the TLS folder " + dir
					+ "; give this one its own folder with emulator.tls.dir");
		}
		return channel;
	}

	private static boolean symlinksWork(Path dir) {
		Path probe = dir.resolve(".link-probe-" + UUID.randomUUID());
		try {
			Files.createSymbolicLink(probe, Path.of(AtomicFileSet.CURRENT));
			Files.delete(probe);
			return true;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return false;
		}
	}

	private void recover() throws IOException {
		this.current.recover(Set.copyOf(FILES));
		Path snapshots = this.dir.resolve(SNAPSHOTS);
		if (Files.isDirectory(snapshots, LinkOption.NOFOLLOW_LINKS)) {
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshots)) {
				for (Path entry : entries) {
					if (entry.getFileName().toString().startsWith(DELETED_PREFIX)) {
						AtomicFileSet.deleteRecursively(entry);
					}
					else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
						fileSet(entry).recover(Set.copyOf(FILES));
					}
				}
			}
		}
	}

	private AtomicFileSet fileSet(Path folder) {
		return new AtomicFileSet(folder, SECRETS, this.posix, this.symlinks, this.crashPoint);
	}

	/**
	 * The folder.
	 * @return its absolute path
	 */
	Path directory() {
		return this.dir;
	}

	/**
	 * Whether files are linked by name and the pointer is a link.
	 * @return false on file systems without symbolic links
	 */
	boolean usesSymlinks() {
		return this.symlinks;
	}

	/**
	 * The current set.
	 * @return every file by name, or empty before the first write
	 * @throws IOException when the set cannot be read
	 */
	Optional<Map<String, byte[]>> read() throws IOException {
		return this.current.read(FILES);
	}

	/**
	 * Replaces the current set atomically.
	 * @param files every file by name
	 * @throws IOException when it cannot be written; the old set then stays current
	 */
	void write(Map<String, byte[]> files) throws IOException {
		checkComplete(files);
		this.current.write(files);
	}

	/**
	 * A snapshot's set, with any files attached to it.
	 * @param name the snapshot's name
	 * @return every file by name, or empty when there is no such snapshot
	 * @throws IOException when the snapshot cannot be read
	 */
	Optional<Map<String, byte[]>> readSnapshot(String name) throws IOException {
		Path folder = snapshotFolder(name);
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		return fileSet(folder).read(FILES, true);
	}

	/**
	 * Writes or replaces a snapshot atomically.
	 * @param name the snapshot's name
	 * @param files every file by name
	 * @throws IOException when it cannot be written; an older snapshot of that name then
	 * stays
	 */
	void writeSnapshot(String name, Map<String, byte[]> files) throws IOException {
		// A snapshot may carry attachments beside the TLS set.
		if (!files.keySet().containsAll(FILES)) {
			throw new IllegalArgumentException("A TLS snapshot holds at least " + FILES + ", not " + files.keySet());
		}
		Path folder = snapshotFolder(name);
		AtomicFileSet.createPrivateDirectories(folder.getParent(), this.posix);
		fileSet(folder).write(files);
	}

	/**
	 * The names of the complete snapshots.
	 * @return the names, sorted
	 * @throws IOException when the folder cannot be listed
	 */
	List<String> snapshotNames() throws IOException {
		Path snapshots = this.dir.resolve(SNAPSHOTS);
		Set<String> names = new LinkedHashSet<>();
		if (Files.isDirectory(snapshots, LinkOption.NOFOLLOW_LINKS)) {
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshots)) {
				for (Path entry : entries) {
					String name = entry.getFileName().toString();
					if (isSnapshotName(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
							&& fileSet(entry).exists()) {
						names.add(name);
					}
				}
			}
		}
		List<String> sorted = new ArrayList<>(names);
		sorted.sort(null);
		return sorted;
	}

	/**
	 * Deletes a snapshot: it is renamed away in one step, then removed.
	 * @param name the snapshot's name
	 * @return whether there was such a snapshot
	 * @throws IOException when it cannot be deleted
	 */
	boolean deleteSnapshot(String name) throws IOException {
		Path folder = snapshotFolder(name);
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		Path doomed = folder.resolveSibling(DELETED_PREFIX + name + "-" + UUID.randomUUID());
		Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
		AtomicFileSet.syncDirectory(folder.getParent());
		AtomicFileSet.deleteRecursively(doomed);
		return true;
	}

	/**
	 * Whether a text may name a snapshot: 1 to 64 letters, digits, dots, hyphens and
	 * underscores, starting with a letter or a digit.
	 * @param name the candidate
	 * @return true when it may
	 */
	static boolean isSnapshotName(String name) {
		return name != null && SNAPSHOT_NAME.matcher(name).matches();
	}

	private Path snapshotFolder(String name) {
		if (!isSnapshotName(name)) {
			throw new IllegalArgumentException("Not a snapshot name: " + name);
		}
		return this.dir.resolve(SNAPSHOTS).resolve(name);
	}

	private static void checkComplete(Map<String, byte[]> files) {
		if (!files.keySet().equals(Set.copyOf(FILES))) {
			throw new IllegalArgumentException("A TLS set is exactly " + FILES + ", not " + files.keySet());
		}
	}

	/** Releases the folder's lock. */
	@Override
	public void close() throws IOException {
		this.lockChannel.close();
	}

}
