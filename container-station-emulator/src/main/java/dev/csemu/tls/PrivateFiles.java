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
 * another user: a temporary file in the same folder, created with its final permissions,
 * written and forced to disk, moved over the target with {@code ATOMIC_MOVE}, and the
 * folder synced. A crash at any instant leaves the old content or the new one, and at
 * worst a stray {@code .*.tmp} file, which {@link #sweep} removes.
 */
public final class PrivateFiles {

	private static final Logger logger = LoggerFactory.getLogger(PrivateFiles.class);

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private PrivateFiles() {
	}

	/**
	 * Replaces a file atomically, 0600 when {@code ownerOnly} and 0644 otherwise (where
	 * the file system has POSIX permissions); its folder must exist.
	 * @throws IOException when it cannot be written; the old content then stays
	 */
	public static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temp,
					EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
					permissions(dir, ownerOnly ? "rw-------" : "rw-r--r--"))) {
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
		// The rename itself reaches the disk only with the folder; Windows cannot sync
		// one.
		try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
			folder.force(true);
		}
		catch (IOException ex) {
			// Nothing more can be done where a folder cannot be opened.
		}
	}

	/**
	 * Creates a folder and its missing parents; the folder is owner-only (0700) from the
	 * moment it exists, and an existing one is made owner-only.
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
			Files.createDirectory(dir, permissions(parent, "rwx------"));
		}
		catch (FileAlreadyExistsException ex) {
			createOwnerOnlyDirectory(dir);
		}
	}

	/** Removes the temporary files an interrupted {@link #write} left in a folder. */
	static void sweep(Path dir) throws IOException {
		try (var entries = Files.newDirectoryStream(dir, ".*.tmp")) {
			for (Path entry : entries) {
				Files.deleteIfExists(entry);
			}
		}
	}

	private static FileAttribute<?>[] permissions(Path dir, String permissions) {
		return isPosix(dir)
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
