package dev.csemu.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.csemu.ContainerStationEmulatorApplication;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Starts the emulator in-process on a free port for a test class, resets it before every
 * test, and stops it after the class. Use it through {@link ContainerStationEmulatorTest}
 * or as a static {@code @RegisterExtension} field built with {@link #builder()}:
 *
 * <pre class="code">
 * &#064;RegisterExtension
 * static ContainerStationEmulatorExtension emulator = ContainerStationEmulatorExtension.builder()
 *     .user("alice", "secret", false)
 *     .hostSource("fixture")
 *     .build();
 * </pre>
 *
 * The emulator reads no {@code application.yml} of the project under test; it reads
 * {@code container-station-emulator-test.yml} from the test class path when there is one.
 */
public final class ContainerStationEmulatorExtension
		implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, ContainerStationEmulator {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ContainerStationEmulatorExtension.class);

	private final Map<String, String> configured;

	private final Instant clock;

	private volatile Running running;

	/** Used by {@link ContainerStationEmulatorTest}: configured from the annotation. */
	public ContainerStationEmulatorExtension() {
		this(null, null);
	}

	private ContainerStationEmulatorExtension(Map<String, String> configured, Instant clock) {
		this.configured = configured;
		this.clock = clock;
	}

	/**
	 * A builder for a {@code @RegisterExtension} field.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Running current = start(context);
		current.control.reset();
		if (current.clock != null) {
			current.control.freezeClock(true);
			current.control.setClock(current.clock);
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == ContainerStationEmulator.class || type == EmulatorControl.class || type == URI.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		Running current = start(context);
		if (type == EmulatorControl.class) {
			return current.control;
		}
		if (type == URI.class) {
			return current.baseUrl;
		}
		return this;
	}

	@Override
	public int port() {
		return running().port;
	}

	@Override
	public URI baseUrl() {
		return running().baseUrl;
	}

	@Override
	public URI apiUrl() {
		return URI.create(running().baseUrl + "/container-station/api/v1");
	}

	@Override
	public EmulatorControl control() {
		return running().control;
	}

	private Running running() {
		Running current = this.running;
		if (current == null) {
			throw new IllegalStateException("The emulator starts before the test class's first test");
		}
		return current;
	}

	private synchronized Running start(ExtensionContext context) {
		if (this.running != null) {
			return this.running;
		}
		ExtensionContext classContext = classContext(context);
		Settings settings = (this.configured != null) ? new Settings(this.configured, this.clock)
				: Settings.of(classContext.getRequiredTestClass().getAnnotation(ContainerStationEmulatorTest.class));
		Running started = Running.start(settings);
		if (started.clock != null) {
			// Certificates dated by the test's clock, not by the day the suite runs.
			started.control.freezeClock(true);
			started.control.setClock(started.clock);
			started.control.resetWithNewTls();
		}
		classContext.getStore(NAMESPACE).put(Running.class, (AutoCloseable) () -> {
			started.close();
			this.running = null;
		});
		this.running = started;
		return started;
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	private record Settings(Map<String, String> properties, Instant clock) {

		static Settings of(ContainerStationEmulatorTest annotation) {
			Builder builder = new Builder();
			if (annotation != null) {
				for (String user : annotation.users()) {
					builder.userSpec(user);
				}
				builder.hostSource(annotation.hostSource());
				if (!annotation.clock().isEmpty()) {
					builder.clock(Instant.parse(annotation.clock()));
				}
				for (String property : annotation.properties()) {
					int eq = property.indexOf('=');
					if (eq < 1) {
						throw new IllegalArgumentException("Expected name=value, got " + property);
					}
					builder.property(property.substring(0, eq), property.substring(eq + 1));
				}
			}
			return new Settings(builder.properties, builder.clock);
		}

	}

	private static final class Running implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final Path workDir;

		private final int port;

		private final URI baseUrl;

		private final EmulatorControl control;

		private final Instant clock;

		private Running(ConfigurableApplicationContext context, Path workDir, String token, Instant clock) {
			this.context = context;
			this.workDir = workDir;
			this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
			this.baseUrl = URI.create("http://127.0.0.1:" + this.port);
			this.control = new EmulatorControl(this.baseUrl, token);
			this.clock = clock;
		}

		static Running start(Settings settings) {
			try {
				Path workDir = Files.createTempDirectory("container-station-emulator");
				byte[] random = new byte[24];
				new SecureRandom().nextBytes(random);
				String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
				Map<String, Object> properties = new LinkedHashMap<>();
				properties.put("spring.config.name", "container-station-emulator-test");
				properties.put("server.port", "0");
				properties.put("server.address", "127.0.0.1");
				properties.put("emulator.host.source", "fixture");
				properties.put("emulator.docker.tls-port", "0");
				properties.put("emulator.tls.dir", workDir.resolve("certs").toString());
				properties.put("emulator.tls.key-type", "ec-p256");
				properties.put("emulator.control.enabled", "true");
				properties.putAll(settings.properties());
				properties.put("emulator.control.token", token);
				ConfigurableApplicationContext context = new SpringApplicationBuilder(
						ContainerStationEmulatorApplication.class)
					.web(WebApplicationType.SERVLET)
					.properties(properties)
					.logStartupInfo(false)
					.run();
				return new Running(context, workDir, token, settings.clock());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() {
			this.context.close();
			try {
				FileSystemUtils.deleteRecursively(this.workDir);
			}
			catch (IOException ex) {
				// A temporary folder left behind is harmless.
			}
		}

	}

	/**
	 * Configures an emulator for a {@code @RegisterExtension} field.
	 */
	public static final class Builder {

		private final Map<String, String> properties = new LinkedHashMap<>();

		private Instant clock;

		private Builder() {
			this.properties.put("emulator.host.source", "fixture");
		}

		/**
		 * Adds an account besides the built-in admin/admin.
		 * @param name the user name
		 * @param password the password
		 * @param admin whether it is an administrator
		 * @return this builder
		 */
		public Builder user(String name, String password, boolean admin) {
			this.properties.put("emulator.users." + name + ".password", password);
			this.properties.put("emulator.users." + name + ".admin", String.valueOf(admin));
			return this;
		}

		/**
		 * Adds an account with 2-step verification.
		 * @param name the user name
		 * @param password the password
		 * @param admin whether it is an administrator
		 * @param base32Secret the TOTP secret
		 * @return this builder
		 */
		public Builder twoStepUser(String name, String password, boolean admin, String base32Secret) {
			user(name, password, admin);
			this.properties.put("emulator.users." + name + ".two-step-secret", base32Secret);
			return this;
		}

		/**
		 * Where host facts come from.
		 * @param source {@code fixture} (default) or {@code live}
		 * @return this builder
		 */
		public Builder hostSource(String source) {
			this.properties.put("emulator.host.source", source);
			return this;
		}

		/**
		 * Freezes the clock at this instant before every test.
		 * @param instant the instant
		 * @return this builder
		 */
		public Builder clock(Instant instant) {
			this.clock = instant;
			return this;
		}

		/**
		 * Sets any emulator property.
		 * @param name the property's name
		 * @param value its value
		 * @return this builder
		 */
		public Builder property(String name, String value) {
			this.properties.put(name, value);
			return this;
		}

		void userSpec(String spec) {
			String[] parts = spec.split(":", 4);
			if (parts.length < 2) {
				throw new IllegalArgumentException("Expected name:password[:admin[:secret]], got " + spec);
			}
			boolean admin = parts.length > 2 && "admin".equals(parts[2]);
			if (parts.length > 3) {
				twoStepUser(parts[0], parts[1], admin, parts[3]);
			}
			else {
				user(parts[0], parts[1], admin);
			}
		}

		/**
		 * The extension.
		 * @return the extension, for a static {@code @RegisterExtension} field
		 */
		public ContainerStationEmulatorExtension build() {
			return new ContainerStationEmulatorExtension(Map.copyOf(this.properties), this.clock);
		}

	}

}
