package dev.csemu.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's one way to write a file that must never be seen half-written or by
 * another user: a temporary file in the same folder, created with its final permissions
 * (0600 for secrets), written and forced to disk, then moved over the target with
 * {@code ATOMIC_MOVE} and the folder synced. A crash at any instant leaves the old
 * content or the new one, and at worst a stray {@code .*.tmp} file.
 */
public final class PrivateFiles {

	private static final Logger logger = LoggerFactory.getLogger(PrivateFiles.class);

	static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private PrivateFiles() {
	}

	/**
	 * Replaces a file atomically.
	 * @param file the file; its folder must exist
	 * @param content the new content
	 * @param ownerOnly 0600 when true, 0644 otherwise (where the file system has POSIX
	 * permissions)
	 * @throws IOException when it cannot be written; the old content then stays
	 */
	public static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temp,
					EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
					permissions(dir, ownerOnly ? OWNER_ONLY : READABLE))) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
		syncDirectory(dir);
	}

	/**
	 * Creates a folder and its missing parents; the folder itself is owner-only (0700)
	 * from the moment it exists, and an existing one is made owner-only.
	 * @param dir the folder
	 * @throws IOException when it cannot be created
	 */
	public static void createOwnerOnlyDirectory(Path dir) throws IOException {
		if (Files.isDirectory(dir)) {
			if (isPosix(dir) && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIRECTORY)) {
				try {
					Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
				}
				catch (IOException ex) {
					logger.warn("Cannot make {} owner-only (0700): {}", dir, ex.getMessage());
				}
			}
			return;
		}
		Path parent = dir.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		try {
			Files.createDirectory(dir, permissions(parent, OWNER_ONLY_DIRECTORY));
		}
		catch (FileAlreadyExistsException ex) {
			createOwnerOnlyDirectory(dir);
		}
	}

	/**
	 * Removes the temporary files an interrupted {@link #write} left in a folder.
	 * @param dir the folder
	 * @throws IOException when it cannot be listed
	 */
	static void sweep(Path dir) throws IOException {
		try (var entries = Files.newDirectoryStream(dir, ".*.tmp")) {
			for (Path entry : entries) {
				Files.deleteIfExists(entry);
			}
		}
	}

	/** Forces a folder's entries (the rename) to disk, where the platform can. */
	private static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some platforms (Windows) cannot open a folder for syncing.
		}
	}

	private static FileAttribute<?>[] permissions(Path dir, Set<PosixFilePermission> permissions) {
		return isPosix(dir) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
