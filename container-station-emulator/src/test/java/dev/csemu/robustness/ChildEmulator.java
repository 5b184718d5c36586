package dev.csemu.robustness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.csemu.ContainerStationEmulatorApplication;

/**
 * The emulator as a child process, started as a user starts it (its main class, the
 * product's class path without the test classes) on a free loopback port and a given TLS
 * folder, and killed without warning. Always destroyed at the latest when closed, or when
 * the test JVM exits.
 */
final class ChildEmulator implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final int port;

	private final Path log;

	private final Thread reaper;

	private ChildEmulator(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.reaper = new Thread(process::destroyForcibly, "child-emulator-reaper");
		Runtime.getRuntime().addShutdownHook(this.reaper);
	}

	/**
	 * Starts an emulator and waits until it answers.
	 * @param tlsDir its TLS folder
	 * @param workDir its working directory, where its log goes too
	 * @param token the control API's token
	 * @return the running emulator
	 */
	static ChildEmulator start(Path tlsDir, Path workDir, String token) {
		int port = freePort();
		Path log = workDir.resolve("emulator-" + port + ".log");
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-cp", classPath(), ContainerStationEmulatorApplication.class.getName(),
				"--server.port=" + port, "--server.address=127.0.0.1", "--emulator.tls.dir=" + tlsDir,
				"--emulator.docker.tls-port=0", "--emulator.tls.key-type=ec-p256", "--emulator.control.token=" + token,
				"--emulator.host.source=fixture", "--spring.config.location=optional:classpath:/",
				"--emulator.control.token-file=" + workDir.resolve("control-token")));
		Process process;
		try {
			process = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChildEmulator emulator = new ChildEmulator(process, port, log);
		try {
			emulator.awaitHealth();
		}
		catch (RuntimeException | AssertionError ex) {
			emulator.close();
			throw ex;
		}
		return emulator;
	}

	int port() {
		return this.port;
	}

	/** kill -9: no shutdown hook, no flush, no cleanup in the emulator. */
	void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				throw new AssertionError("the emulator did not die within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The end of the emulator's log, for a failure message.
	 * @return up to the last 4 000 characters
	 */
	String logTail() {
		try {
			String text = Files.readString(this.log, StandardCharsets.UTF_8);
			return (text.length() <= 4000) ? text : text.substring(text.length() - 4000);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.reaper);
		}
		catch (IllegalStateException ex) {
			// The JVM is exiting: the hook runs anyway.
		}
	}

	private void awaitHealth() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/_emulator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError(
						"the emulator exited with " + this.process.exitValue() + " while starting:\n" + logTail());
			}
			try {
				if (http.send(health, BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(100);
		}
		throw new AssertionError("the emulator did not answer within " + START_TIMEOUT + ":\n" + logTail());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The test JVM's class path without the test classes (whose test-only settings must
	 * not reach the child), expanded when Surefire hands it over as a manifest-only jar.
	 */
	private static String classPath() {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			entries.addAll(expand(entry));
		}
		entries.removeIf((entry) -> Path.of(entry).endsWith("test-classes"));
		return String.join(File.pathSeparator, entries);
	}

	private static List<String> expand(String entry) {
		if (!entry.endsWith(".jar")) {
			return List.of(entry);
		}
		try (JarFile jar = new JarFile(entry)) {
			Manifest manifest = jar.getManifest();
			String classPath = (manifest != null) ? manifest.getMainAttributes().getValue("Class-Path") : null;
			// Surefire's booter jar holds nothing but a manifest naming the real class
			// path.
			if (classPath == null || jar.size() > 2) {
				return List.of(entry);
			}
			URI base = Path.of(entry).toUri();
			List<String> expanded = new ArrayList<>();
			for (String reference : classPath.trim().split("\\s+")) {
				expanded.add(Path.of(base.resolve(reference)).toString());
			}
			return expanded;
		}
		catch (IOException ex) {
			return List.of(entry);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
