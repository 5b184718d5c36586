package dev.csemu.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools a user runs: {@code docker} and {@code curl}.
 */
final class Processes {

	private Processes() {
	}

	/**
	 * Runs a command and returns what it printed.
	 * @throws IllegalStateException when it fails or takes longer than two minutes
	 */
	static String run(List<String> command) {
		return run(command, Map.of());
	}

	static String run(List<String> command, Map<String, String> environment) {
		Result result = exec(command, environment);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " exited with " + result.exitCode() + ": " + result.output());
		}
		return result.output().strip();
	}

	static Result exec(List<String> command, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not end");
			}
			return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String output) {
	}

}
