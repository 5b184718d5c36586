package dev.csemu.tls;

import java.nio.file.Path;

/**
 * Another emulator holds the TLS folder's lock: this one must not start on it.
 */
public class TlsFolderInUseException extends IllegalStateException {

	private final Path directory;

	TlsFolderInUseException(Path directory) {
		super("Another emulator is using the TLS folder " + directory
				+ "; give this one its own folder with emulator.tls.dir");
		this.directory = directory;
	}

	public Path directory() {
		return this.directory;
	}

}
