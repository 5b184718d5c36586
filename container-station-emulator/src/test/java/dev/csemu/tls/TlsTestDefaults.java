package dev.csemu.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.FileSystemUtils;

/**
 * Safe TLS defaults for every application started by the test suite, whatever feature the
 * test is about: a fresh temporary TLS folder per application (never the repository's
 * {@code certs/}), the Docker endpoint off (never port 2376, which may be busy), and
 * quick EC keys. Registered in {@code META-INF/spring.factories} of the test classpath
 * only.
 *
 * <p>
 * The values sit above the environment variables and the configuration files (a
 * developer's {@code ./config/application.yml} or exported {@code EMULATOR_TLS_DIR} must
 * not pull tests into {@code certs/}) and below the test's own properties, command-line
 * arguments and system properties, so a test that wants the endpoint or a given folder
 * simply says so.
 */
class TlsTestDefaults implements EnvironmentPostProcessor {

	static final String SOURCE = "tlsTestDefaults";

	private static final Path ROOT = createRoot();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(SOURCE)) {
			return;
		}
		Path dir;
		try {
			dir = Files.createTempDirectory(ROOT, "certs-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		MapPropertySource defaults = new MapPropertySource(SOURCE, Map.of("emulator.tls.dir", dir.toString(),
				"emulator.tls.key-type", "ec-p256", "emulator.docker.tls-port", "0"));
		String environmentVariables = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		if (sources.contains(environmentVariables)) {
			sources.addBefore(environmentVariables, defaults);
		}
		else {
			sources.addLast(defaults);
		}
	}

	private static Path createRoot() {
		try {
			Path root = Files.createTempDirectory("csemu-test-tls-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					FileSystemUtils.deleteRecursively(root);
				}
				catch (IOException ex) {
					// Best effort: the folder is in the temporary directory.
				}
			}, "tls-test-defaults-cleanup"));
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
