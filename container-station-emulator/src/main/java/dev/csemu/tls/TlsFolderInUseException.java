package dev.csemu.tls;

import java.nio.file.Path;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Another emulator holds the TLS folder's lock: this one must not start on it. Its
 * {@link Analyzer} turns it into Spring Boot's short "application failed to start" report
 * instead of a stack trace.
 */
public class TlsFolderInUseException extends IllegalStateException {

	private final Path directory;

	TlsFolderInUseException(Path directory) {
		super("Another emulator is using the TLS folder " + directory
				+ "; give this one its own folder with emulator.tls.dir");
		this.directory = directory;
	}

	static class Analyzer extends AbstractFailureAnalyzer<TlsFolderInUseException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, TlsFolderInUseException cause) {
			return new FailureAnalysis("Another emulator is using the TLS folder " + cause.directory + ".",
					"Stop the other emulator, or give this one its own folder with emulator.tls.dir "
							+ "(and its own server.port and emulator.docker.tls-port).",
					cause);
		}

	}

}
