package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Writes the HTTP port the emulator listens on to {@code emulator.port-file} once it
 * listens, so that a launcher can start it with {@code --server.port=0} and read the port
 * the system chose, without a bind-close race. The file appears whole or not at all.
 */
class PortFileWriter implements ApplicationListener<WebServerInitializedEvent> {

	private final Path file;

	PortFileWriter(Path file) {
		this.file = file.toAbsolutePath();
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		try {
			Path temporary = Files.createTempFile(this.file.getParent(), ".port", ".tmp");
			Files.writeString(temporary, Integer.toString(event.getWebServer().getPort()));
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the port to " + this.file, ex);
		}
	}

}
