package dev.csemu.testcontainers;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.csemu.junit.EmulatorControl;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The emulator's container image as a Testcontainers container. Configuration is passed
 * as the environment variables Spring Boot binds ({@code EMULATOR_USERS_ALICE_PASSWORD}
 * for {@code emulator.users.alice.password}); the control API's token is chosen here, so
 * {@link #control()} works without reading anything from the container.
 *
 * <pre class="code">
 * &#64;Container
 * static ContainerStationEmulatorContainer nas = new ContainerStationEmulatorContainer()
 *     .withUser("alice", "secret", false)
 *     .withFixtureHost();
 * </pre>
 */
public class ContainerStationEmulatorContainer extends GenericContainer<ContainerStationEmulatorContainer> {

	/**
	 * The image that {@code docker build -t container-station-emulator .} makes at the
	 * top of the emulator's repository.
	 */
	public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("container-station-emulator:latest");

	/** The HTTP port inside the container (Container Station's system port). */
	public static final int HTTP_PORT = 8080;

	/** The mutual-TLS Docker endpoint's port inside the container. */
	public static final int DOCKER_TLS_PORT = 2376;

	/** The account the image's configuration has, with the same name as password. */
	private static final String BUILT_IN_ADMIN = "admin";

	/** The Container Station API below the base URL. */
	private static final String API_PATH = "/container-station/api/v1";

	/**
	 * Spring Boot lower-cases map keys read from environment variables and reads
	 * {@code _} as a separator, so only such names can be given this way.
	 */
	private static final Pattern ENV_USER_NAME = Pattern.compile("[a-z][a-z0-9]*");

	private String controlToken;

	/** Administrators added by {@link #withUser}, to read the Docker bundle with. */
	private final Map<String, String> admins = new LinkedHashMap<>();

	private boolean builtInAdminChanged;

	/** The container of {@link #DEFAULT_IMAGE}. */
	public ContainerStationEmulatorContainer() {
		this(DEFAULT_IMAGE);
	}

	/**
	 * The container of another image name or tag.
	 * @param image such as {@code registry.example.com/container-station-emulator:0.1.0}
	 */
	public ContainerStationEmulatorContainer(String image) {
		this(DockerImageName.parse(image));
	}

	/**
	 * The container of another image name or tag.
	 * @param image the image
	 */
	public ContainerStationEmulatorContainer(DockerImageName image) {
		super(image);
		withExposedPorts(HTTP_PORT, DOCKER_TLS_PORT);
		withControlToken(generatedToken());
		// The emulator answers once Tomcat has started; machines shared with other builds
		// may need the generous limit.
		waitingFor(Wait.forHttp("/_emulator/health")
			.forPort(HTTP_PORT)
			.forStatusCode(200)
			.withStartupTimeout(Duration.ofMinutes(2)));
	}

	/**
	 * Adds an account beside the built-in {@code admin}/{@code admin}, or changes
	 * {@code admin}'s password.
	 * @param name the user name: lower-case letters and digits, as environment variables
	 * can carry it
	 * @param password the password (plain, or Spring Security encoded such as
	 * {@code {bcrypt}...})
	 * @param admin whether the account is an administrator
	 * @return this container
	 */
	public ContainerStationEmulatorContainer withUser(String name, String password, boolean admin) {
		String prefix = userPrefix(name);
		withEnv(prefix + "PASSWORD", password);
		withEnv(prefix + "ADMIN", String.valueOf(admin));
		if (admin) {
			this.admins.put(name, password);
		}
		else {
			this.admins.remove(name);
		}
		this.builtInAdminChanged |= name.equals(BUILT_IN_ADMIN);
		return self();
	}

	/**
	 * Adds an account with 2-step verification (not an administrator): password login
	 * answers 403 and the account signs in through QTS's {@code authLogin.cgi} with a
	 * TOTP code.
	 * @param name the user name: lower-case letters and digits
	 * @param password the password
	 * @param base32Secret the TOTP secret (RFC 6238, SHA-1, 30 s, 6 digits)
	 * @return this container
	 */
	public ContainerStationEmulatorContainer withTwoStepUser(String name, String password, String base32Secret) {
		withUser(name, password, false);
		withEnv(userPrefix(name) + "TWOSTEPSECRET", base32Secret);
		return self();
	}

	/**
	 * Answers {@code /system*} with the vendor's documented example host instead of the
	 * container's own figures, so that answers are the same on every machine.
	 * @return this container
	 */
	public ContainerStationEmulatorContainer withFixtureHost() {
		return withEnv("EMULATOR_HOST_SOURCE", "fixture");
	}

	/**
	 * Chooses the control API's bearer token; by default a random one is chosen.
	 * @param token the token
	 * @return this container
	 */
	public ContainerStationEmulatorContainer withControlToken(String token) {
		if (token == null || token.isBlank()) {
			throw new IllegalArgumentException("The control token must not be blank");
		}
		this.controlToken = token;
		return withEnv("EMULATOR_CONTROL_TOKEN", token);
	}

	/**
	 * Where the emulator answers from the test, such as {@code http://localhost:32768}.
	 * @return the base URL on the mapped HTTP port
	 */
	public URI getBaseUrl() {
		return URI.create("http://" + getHost() + ":" + getMappedPort(HTTP_PORT));
	}

	/**
	 * The Container Station API's base URL, {@code <base URL>/container-station/api/v1}.
	 * @return the API's base URL
	 */
	public URI getApiUrl() {
		return URI.create(getBaseUrl() + API_PATH);
	}

	/**
	 * The Docker endpoint for {@code DOCKER_HOST}, to be used with TLS verification and
	 * the bundle of {@link #getDockerBundle()}: its server certificate names
	 * {@code localhost} and {@code 127.0.0.1}.
	 * @return such as {@code tcp://localhost:32769}
	 */
	public String getDockerHost() {
		return "tcp://" + getHost() + ":" + getMappedPort(DOCKER_TLS_PORT);
	}

	/**
	 * The Docker client bundle the emulator exports ({@code GET /tls/export}), read with
	 * the administrator given by {@link #withUser} ({@code admin}/{@code admin} unless
	 * another administrator was added or its password changed).
	 * @return the CA certificate, client certificate and client key
	 */
	public DockerBundle getDockerBundle() {
		if (!this.admins.isEmpty()) {
			Map.Entry<String, String> admin = this.admins.entrySet().iterator().next();
			return DockerBundle.export(getApiUrl(), admin.getKey(), admin.getValue());
		}
		if (this.builtInAdminChanged) {
			throw new IllegalStateException("No administrator to read the bundle with: add one with withUser");
		}
		return DockerBundle.export(getApiUrl(), BUILT_IN_ADMIN, BUILT_IN_ADMIN);
	}

	/**
	 * The control API's token.
	 * @return the token
	 */
	public String getControlToken() {
		return this.controlToken;
	}

	/**
	 * The control API's client on the mapped port: the same client the JUnit extension
	 * hands to tests (clock, faults, journal, reset, snapshots).
	 * @return a new client
	 */
	public EmulatorControl control() {
		return new EmulatorControl(getBaseUrl(), this.controlToken);
	}

	private static String userPrefix(String name) {
		if (name == null || !ENV_USER_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("User name '" + name + "' cannot be carried by an environment variable: "
					+ "use lower-case letters and digits, or pass SPRING_APPLICATION_JSON with withEnv");
		}
		return "EMULATOR_USERS_" + name.toUpperCase(Locale.ROOT) + "_";
	}

	private static String generatedToken() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
