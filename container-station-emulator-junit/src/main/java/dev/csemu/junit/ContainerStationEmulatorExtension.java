package dev.csemu.junit;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs the emulator's jar in a process of its own for the test run and hands the tests
 * its URL and a control client; resets it before every test. One emulator serves every
 * test class of the run that asks for the same configuration (users, host source, clock,
 * properties); a class with a configuration of its own gets an emulator of its own,
 * shared in turn with the classes that ask for that configuration. Every emulator stops
 * when the test run ends, or at the latest when the JVM exits. Use it through
 * {@link ContainerStationEmulatorTest} or as a static {@code @RegisterExtension} field
 * built with {@link #builder()}:
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
		this.running = emulatorFor(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Running current = emulatorFor(context);
		this.running = current;
		current.control.reset();
		if (current.settings.clock() != null) {
			current.control.freezeClock(true);
			current.control.setClock(current.settings.clock());
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
		Running current = emulatorFor(context);
		if (type == EmulatorControl.class) {
			return current.control;
		}
		if (type == URI.class) {
			return current.baseUrl;
		}
		return current;
	}

	@Override
	public int port() {
		return running().port();
	}

	@Override
	public URI baseUrl() {
		return running().baseUrl();
	}

	@Override
	public URI apiUrl() {
		return running().apiUrl();
	}

	@Override
	public EmulatorControl control() {
		return running().control();
	}

	private Running running() {
		Running current = this.running;
		if (current == null) {
			throw new IllegalStateException("The emulator starts before the test class's first test");
		}
		return current;
	}

	/**
	 * The emulator for this class's configuration, from the root context's store: started
	 * by the first class that asks for that configuration, closed when the test run ends.
	 */
	private Running emulatorFor(ExtensionContext context) {
		Settings settings = settings(context);
		ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
		return store.getOrComputeIfAbsent(settings, Running::start, Running.class);
	}

	private Settings settings(ExtensionContext context) {
		if (this.configured != null) {
			return new Settings(new TreeMap<>(this.configured), this.clock);
		}
		Class<?> testClass = classContext(context).getRequiredTestClass();
		return Settings.of(findAnnotation(testClass));
	}

	private static ContainerStationEmulatorTest findAnnotation(Class<?> testClass) {
		for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
			ContainerStationEmulatorTest annotation = type.getAnnotation(ContainerStationEmulatorTest.class);
			if (annotation != null) {
				return annotation;
			}
		}
		return null;
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	/** What makes two emulators differ: its properties (sorted) and the frozen clock. */
	private record Settings(TreeMap<String, String> properties, Instant clock) {

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
			return new Settings(new TreeMap<>(builder.properties), builder.clock);
		}

	}

	/**
	 * One emulator process and its control client; the root store closes it at the end of
	 * the run. {@code CloseableResource} for JUnit 5.12, {@code AutoCloseable} for later
	 * versions; closing twice is harmless.
	 */
	@SuppressWarnings("deprecation")
	private static final class Running
			implements ContainerStationEmulator, ExtensionContext.Store.CloseableResource, AutoCloseable {

		private final EmulatorProcess process;

		private final Settings settings;

		private final URI baseUrl;

		private final EmulatorControl control;

		private Running(EmulatorProcess process, Settings settings) {
			this.process = process;
			this.settings = settings;
			this.baseUrl = URI.create("http://127.0.0.1:" + process.port());
			this.control = new EmulatorControl(this.baseUrl, process.token());
		}

		static Running start(Object key) {
			Settings settings = (Settings) key;
			Running started = new Running(EmulatorProcess.start(settings.properties()), settings);
			if (settings.clock() != null) {
				// Certificates dated by the test's clock, not by the day the suite runs.
				started.control.freezeClock(true);
				started.control.setClock(settings.clock());
				started.control.resetWithNewTls();
			}
			return started;
		}

		@Override
		public int port() {
			return this.process.port();
		}

		@Override
		public URI baseUrl() {
			return this.baseUrl;
		}

		@Override
		public URI apiUrl() {
			return URI.create(this.baseUrl + "/container-station/api/v1");
		}

		@Override
		public EmulatorControl control() {
			return this.control;
		}

		@Override
		public void close() {
			this.process.close();
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
