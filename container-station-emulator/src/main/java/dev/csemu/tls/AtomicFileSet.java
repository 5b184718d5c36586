package dev.csemu.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * A named set of files in one folder, replaced as a whole. Each version is a complete
 * generation folder, {@code generations/g<N>/}, written and synced before the
 * {@code current} pointer (a symbolic link, or a one-line file where links are not
 * available) is atomically renamed to name it. Readers follow the pointer, so a crash at
 * any instant leaves the old complete set or the new one. Leftovers of an interrupted
 * write are swept before the next one. Where links are available, each file is also
 * reachable under its own name through a link {@code <name> -> current/<name>}.
 *
 * <p>
 * Not thread-safe: the store serializes writers and holds a lock against other processes.
 */
final class AtomicFileSet {

	private static final Logger logger = LoggerFactory.getLogger(AtomicFileSet.class);

	static final String CURRENT = "current";

	static final String GENERATIONS = "generations";

	private static final String STAGED_POINTER = ".current.new";

	private static final Pattern GENERATION = Pattern.compile("g([0-9]{1,18})");

	static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

	static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");

	private final Path dir;

	private final Set<String> secretNames;

	private final boolean posix;

	private final boolean symlinks;

	private final CrashPoint crashPoint;

	/**
	 * A file set in a folder, which need not exist yet.
	 * @param dir the folder
	 * @param secretNames the files written owner-only (0600)
	 * @param posix whether the file system has POSIX permissions
	 * @param symlinks whether the file system has symbolic links
	 * @param crashPoint where tests inject failures
	 */
	AtomicFileSet(Path dir, Set<String> secretNames, boolean posix, boolean symlinks, CrashPoint crashPoint) {
		this.dir = dir;
		this.secretNames = Set.copyOf(secretNames);
		this.posix = posix;
		this.symlinks = symlinks;
		this.crashPoint = crashPoint;
	}

	Path dir() {
		return this.dir;
	}

	/**
	 * Whether a complete set has been written.
	 * @return true when the pointer names a generation
	 * @throws IOException when the pointer cannot be read
	 */
	boolean exists() throws IOException {
		return currentGeneration().isPresent();
	}

	/**
	 * The files of the current set.
	 * @param names the files to read
	 * @return their contents by name, in the given order; empty when no set was written
	 * @throws IOException when the set is unreadable or a file is missing
	 */
	Optional<Map<String, byte[]>> read(List<String> names) throws IOException {
		return read(names, false);
	}

	/**
	 * The current set's files: the named ones, and with {@code withOthers} every other
	 * file of the set too.
	 * @param names the files that must be there
	 * @param withOthers whether to read the other files as well
	 * @return the contents by name, or empty when there is no set yet
	 * @throws IOException when a named file is missing or unreadable
	 */
	Optional<Map<String, byte[]>> read(List<String> names, boolean withOthers) throws IOException {
		Optional<String> generation = currentGeneration();
		if (generation.isEmpty()) {
			return Optional.empty();
		}
		Path folder = this.dir.resolve(GENERATIONS).resolve(generation.get());
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException(this.dir.resolve(CURRENT) + " names " + generation.get() + ", which is missing");
		}
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (String name : names) {
			files.put(name, Files.readAllBytes(folder.resolve(name)));
		}
		if (withOthers) {
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
				for (Path entry : entries) {
					String name = entry.getFileName().toString();
					if (!files.containsKey(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
						files.put(name, Files.readAllBytes(entry));
					}
				}
			}
		}
		return Optional.of(files);
	}

	/**
	 * Replaces the set: a new generation is written and synced, then the pointer is
	 * swapped in one rename, then the old generation is removed.
	 * @param files the complete new set, by name, written in this order
	 * @throws IOException when the disk refuses; the old set is then still current
	 */
	void write(Map<String, byte[]> files) throws IOException {
		createPrivateDirectories(this.dir, this.posix);
		Path generations = this.dir.resolve(GENERATIONS);
		createPrivateDirectories(generations, this.posix);
		Optional<String> previous = currentGeneration();
		sweep(previous);
		String name = "g" + (previous.map(AtomicFileSet::number).orElse(0L) + 1);
		Path folder = generations.resolve(name);
		createPrivateDirectory(folder, this.posix);
		this.crashPoint.reached("created " + name);
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			writeNewFile(folder.resolve(file.getKey()), file.getValue(), this.secretNames.contains(file.getKey()),
					this.posix);
			this.crashPoint.reached("wrote " + file.getKey());
		}
		syncDirectory(folder);
		syncDirectory(generations);
		this.crashPoint.reached("synced " + name);
		swapPointer(name);
		if (this.symlinks) {
			linkFiles(files.keySet());
		}
		if (previous.isPresent()) {
			deleteRecursively(generations.resolve(previous.get()));
			this.crashPoint.reached("removed " + previous.get());
		}
	}

	/**
	 * Removes what an interrupted write left (generations the pointer does not name, a
	 * staged pointer) and completes the links to the current files.
	 * @param names the files of the set
	 * @throws IOException when the folder cannot be listed
	 */
	void recover(Set<String> names) throws IOException {
		Optional<String> current = currentGeneration();
		sweep(current);
		if (current.isPresent() && this.symlinks) {
			linkFiles(names);
		}
	}

	private void sweep(Optional<String> keep) throws IOException {
		Files.deleteIfExists(this.dir.resolve(STAGED_POINTER));
		Path generations = this.dir.resolve(GENERATIONS);
		if (!Files.isDirectory(generations, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(generations)) {
			for (Path entry : entries) {
				if (keep.isEmpty() || !entry.getFileName().toString().equals(keep.get())) {
					logger.debug("Removing {}, left by an interrupted write", entry);
					deleteRecursively(entry);
				}
			}
		}
	}

	private Optional<String> currentGeneration() throws IOException {
		Path pointer = this.dir.resolve(CURRENT);
		String name;
		if (Files.isSymbolicLink(pointer)) {
			name = Files.readSymbolicLink(pointer).getFileName().toString();
		}
		else if (Files.isRegularFile(pointer, LinkOption.NOFOLLOW_LINKS)) {
			name = Files.readString(pointer, StandardCharsets.US_ASCII).trim();
		}
		else if (Files.exists(pointer, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException(pointer + " is neither a link nor a file");
		}
		else {
			return Optional.empty();
		}
		if (!GENERATION.matcher(name).matches()) {
			throw new IOException(pointer + " names '" + name + "', which is not a generation");
		}
		return Optional.of(name);
	}

	private static long number(String generation) {
		return Long.parseLong(generation.substring(1));
	}

	private void swapPointer(String generation) throws IOException {
		Path staged = this.dir.resolve(STAGED_POINTER);
		if (this.symlinks) {
			Files.createSymbolicLink(staged, Path.of(GENERATIONS, generation));
		}
		else {
			writeNewFile(staged, (generation + "\n").getBytes(StandardCharsets.US_ASCII), false, this.posix);
		}
		this.crashPoint.reached("staged pointer to " + generation);
		Files.move(staged, this.dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		syncDirectory(this.dir);
		this.crashPoint.reached("pointed to " + generation);
	}

	private void linkFiles(Set<String> names) throws IOException {
		for (String name : names) {
			Path link = this.dir.resolve(name);
			Path target = Path.of(CURRENT, name);
			if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
				continue;
			}
			if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
				logger.warn("{} is not the emulator's link to {}; leaving it alone", link, target);
				continue;
			}
			Files.createSymbolicLink(link, target);
		}
	}

	/**
	 * Creates the folder and its missing parents; the folder itself is owner-only from
	 * the moment it exists, and an existing one is made owner-only.
	 * @param dir the folder
	 * @param posix whether the file system has POSIX permissions
	 * @throws IOException when it cannot be created
	 */
	static void createPrivateDirectories(Path dir, boolean posix) throws IOException {
		if (Files.isDirectory(dir)) {
			if (posix && !Files.getPosixFilePermissions(dir).equals(PRIVATE_DIRECTORY)) {
				try {
					Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
				}
				catch (IOException ex) {
					logger.warn("Cannot make {} owner-only (0700): {}", dir, ex.getMessage());
				}
			}
			return;
		}
		Path parent = dir.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try {
			createPrivateDirectory(dir, posix);
		}
		catch (FileAlreadyExistsException ex) {
			createPrivateDirectories(dir, posix);
		}
	}

	static void createPrivateDirectory(Path dir, boolean posix) throws IOException {
		if (posix) {
			Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
		}
		else {
			Files.createDirectory(dir);
		}
	}

	/**
	 * Writes a file that must not exist yet, with its permissions from creation, and
	 * forces it to the disk.
	 * @param file the file
	 * @param content its bytes
	 * @param secret whether only the owner may read it (0600) rather than everyone (0644)
	 * @param posix whether the file system has POSIX permissions
	 * @throws IOException when it cannot be written
	 */
	static void writeNewFile(Path file, byte[] content, boolean secret, boolean posix) throws IOException {
		FileAttribute<?>[] attributes = posix
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(secret ? PRIVATE_FILE : PUBLIC_FILE) }
				: new FileAttribute<?>[0];
		try (FileChannel channel = FileChannel.open(file,
				EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
	}

	/**
	 * Forces a folder's entries (creations, renames) to the disk, where the platform can.
	 * @param dir the folder
	 */
	static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some platforms (Windows) cannot open a folder for syncing.
		}
	}

	static void deleteRecursively(Path path) throws IOException {
		FileSystemUtils.deleteRecursively(path);
	}

}
