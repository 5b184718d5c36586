package dev.csemu.tls;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second emulator started on a TLS folder in use: Spring Boot's short "application
 * failed to start" report instead of a stack trace.
 */
class TlsFolderInUseFailureAnalyzer extends AbstractFailureAnalyzer<TlsFolderInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TlsFolderInUseException cause) {
		return new FailureAnalysis("Another emulator is using the TLS folder " + cause.directory() + ".",
				"Stop the other emulator, or give this one its own folder with emulator.tls.dir "
						+ "(and its own server.port and emulator.docker.tls-port).",
				cause);
	}

}
