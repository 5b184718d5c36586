package dev.csemu.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The emulator's runnable jar started with {@code java -jar} in a process of its own: on
 * a port the system chooses (read back from a port file the emulator writes, so no other
 * process can take it in between), with a temporary TLS folder and a generated control
 * token. Stopped by {@link #close()} or, at the latest, when the test JVM exits.
 */
final class EmulatorProcess implements AutoCloseable {

	/** Where the server jar keeps its main class: present only in the repackaged jar. */
	static final String SERVER_JAR_MARKER = "BOOT-INF/classes/dev/csemu/ContainerStationEmulatorApplication.class";

	/** The test class path resource that configures the emulator, as before. */
	static final String CONFIG_RESOURCE = "container-station-emulator-test.yml";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("csemu.server.start-timeout", 120));

	private final Process process;

	private final Path workDir;

	private final Thread shutdownHook;

	private final int port;

	private final String token;

	private EmulatorProcess(Process process, Path workDir, Thread shutdownHook, int port, String token) {
		this.process = process;
		this.workDir = workDir;
		this.shutdownHook = shutdownHook;
		this.port = port;
		this.token = token;
	}

	int port() {
		return this.port;
	}

	String token() {
		return this.token;
	}

	/**
	 * Starts the emulator and waits until it answers its health check.
	 * @param properties the emulator's properties, given as {@code --name=value}
	 * arguments
	 * @return the running emulator
	 */
	static EmulatorProcess start(Map<String, String> properties) {
		Path jar = serverJar();
		Path workDir;
		try {
			workDir = Files.createTempDirectory("container-station-emulator");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path portFile = workDir.resolve("port");
		Path log = workDir.resolve("emulator.log");
		String token = newToken();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// A test's emulator lives for seconds: start fast rather than optimise for hours.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar.toString());
		command.add("--spring.config.location=" + configLocation(workDir));
		command.add("--server.port=0");
		command.add("--server.address=127.0.0.1");
		command.add("--server.shutdown=immediate");
		command.add("--emulator.port-file=" + portFile);
		command.add("--emulator.docker.tls-port=0");
		command.add("--emulator.tls.dir=" + workDir.resolve("certs"));
		command.add("--emulator.tls.key-type=ec-p256");
		command.add("--emulator.control.enabled=true");
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// In the environment, not on the command line where any local user could read it.
		builder.environment().put("EMULATOR_CONTROL_TOKEN", token);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			deleteQuietly(workDir);
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
		Thread hook = new Thread(() -> stop(process), "container-station-emulator-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			int port = awaitPort(process, portFile, log);
			EmulatorProcess started = new EmulatorProcess(process, workDir, hook, port, token);
			started.awaitHealthy(log);
			return started;
		}
		catch (RuntimeException ex) {
			stop(process);
			removeHook(hook);
			deleteQuietly(workDir);
			throw ex;
		}
	}

	/**
	 * Finds the server's runnable jar: {@code csemu.server.jar} or
	 * {@code CSEMU_SERVER_JAR} when set, else the jar on the class path that holds the
	 * server's main class under {@code BOOT-INF/classes}.
	 * @return the jar
	 */
	static Path serverJar() {
		String configured = System.getProperty("csemu.server.jar", System.getenv("CSEMU_SERVER_JAR"));
		if (configured != null && !configured.isBlank()) {
			Path jar = Path.of(configured);
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(
						"The emulator's jar " + jar + " (csemu.server.jar or CSEMU_SERVER_JAR)" + " is not a file");
			}
			return jar;
		}
		URL marker = classLoader().getResource(SERVER_JAR_MARKER);
		if (marker == null) {
			throw new IllegalStateException(
					"The emulator's runnable jar (dev.csemu:container-station-emulator) is not on"
							+ " the test class path; depend on dev.csemu:container-station-emulator-junit, or set the system"
							+ " property csemu.server.jar or the environment variable CSEMU_SERVER_JAR to its path."
							+ " (Within the emulator's own build the server must be packaged first: run verify, not test.)");
		}
		try {
			JarURLConnection connection = (JarURLConnection) marker.openConnection();
			return Path.of(connection.getJarFileURL().toURI());
		}
		catch (IOException | URISyntaxException | ClassCastException ex) {
			throw new IllegalStateException("Cannot locate the emulator's jar from " + marker, ex);
		}
	}

	/**
	 * Copies {@code container-station-emulator-test.yml} from the test class path, when
	 * there is one, into the emulator's folder; the emulator reads that file and no
	 * other.
	 */
	private static String configLocation(Path workDir) {
		Path config = workDir.resolve(CONFIG_RESOURCE);
		try (InputStream in = classLoader().getResourceAsStream(CONFIG_RESOURCE)) {
			if (in != null) {
				Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return "optional:file:" + config;
	}

	private static ClassLoader classLoader() {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		return (loader != null) ? loader : EmulatorProcess.class.getClassLoader();
	}

	private static String newToken() {
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static int awaitPort(Process process, Path portFile, Path log) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				return Integer.parseInt(Files.readString(portFile).trim());
			}
			catch (NoSuchFileException ex) {
				// Not listening yet.
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"The emulator exited with " + process.exitValue() + " before it listened:\n" + tail(log));
			}
			pause();
		}
		throw new IllegalStateException("The emulator did not listen within " + START_TIMEOUT + ":\n" + tail(log));
	}

	private void awaitHealthy(Path log) {
		EmulatorControl control = new EmulatorControl(URI.create("http://127.0.0.1:" + this.port), this.token);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (control.isHealthy()) {
				return;
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The emulator exited with " + this.process.exitValue() + ":\n" + tail(log));
			}
			pause();
		}
		throw new IllegalStateException("The emulator did not answer /_emulator/health within " + START_TIMEOUT);
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the emulator started", ex);
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down: the hook stops the process.
		}
	}

	private static void deleteQuietly(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A temporary folder left behind is harmless.
		}
	}

	@Override
	public void close() {
		stop(this.process);
		removeHook(this.shutdownHook);
		deleteQuietly(this.workDir);
	}

}
