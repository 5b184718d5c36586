package dev.csemu.testcontainers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image as a user runs it: plain {@code docker run} with a named volume for the TLS
 * material, the vendor's curl calls on the mapped port, the docker CLI with the exported
 * bundle on the mapped Docker port, then a restart and a new container on the same
 * volume. The tests share one container and run in order.
 */
@Tag("image")
@TestMethodOrder(OrderAnnotation.class)
class ContainerImageTests {

	private static final String IMAGE = ContainerStationEmulatorContainer.DEFAULT_IMAGE.asCanonicalNameString();

	/**
	 * Measured: 6-9 s of CPU to the first answer, so a few seconds on a machine that does
	 * nothing else; the bound leaves room for a CI machine that does.
	 */
	private static final Duration START_LIMIT = Duration.ofSeconds(Long.getLong("image.start-limit-seconds", 30));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final List<String> containers = new ArrayList<>();

	@TempDir
	static Path dir;

	private static String volume;

	private static String container;

	private static Duration firstAnswer;

	private static String caBeforeRestart;

	private static Path firstBundle;

	@BeforeAll
	static void runTheImage() {
		volume = docker("volume", "create");
		long start = System.nanoTime();
		container = run();
		firstAnswer = waitForHealth(container, start);
		System.out.printf("docker run to first answer of %s: %d ms%n", IMAGE, firstAnswer.toMillis());
	}

	@AfterAll
	static void remove() {
		for (String id : containers) {
			Processes.exec(List.of("docker", "rm", "-f", "-v", id), Map.of());
		}
		if (volume != null) {
			Processes.exec(List.of("docker", "volume", "rm", volume), Map.of());
		}
	}

	@Test
	@Order(1)
	void answersHealthWithinSecondsOfDockerRun() {
		assertThat(firstAnswer).isLessThan(START_LIMIT);
	}

	@Test
	@Order(2)
	void dockerReportsTheContainerHealthy() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String status = docker("inspect", "-f", "{{.State.Health.Status}}", container);
		while (!status.equals("healthy") && System.nanoTime() < deadline) {
			Thread.sleep(250);
			status = docker("inspect", "-f", "{{.State.Health.Status}}", container);
		}
		assertThat(status).isEqualTo("healthy");
	}

	@Test
	@Order(3)
	void theEmulatorProcessIsNotRoot() {
		String status = docker("exec", container, "cat", "/proc/1/status");
		String uids = status.lines().filter((line) -> line.startsWith("Uid:")).findFirst().orElseThrow();
		assertThat(uids.split("\\s+")).containsExactly("Uid:", "10001", "10001", "10001", "10001");
		assertThat(docker("exec", container, "id", "-un")).isEqualTo("emulator");
	}

	@Test
	@Order(4)
	void vendorsCurlSessionWorksThroughTheMappedPort() {
		String api = "http://127.0.0.1:" + port(container, 8080) + "/container-station/api/v1";
		String cookies = dir.resolve("vendor-cookies.txt").toString();
		JsonNode login = curl("-sq", "-XPOST", "-c", cookies, "-d",
				"{\"username\": \"admin\", \"password\": \"admin\"}", api + "/login");
		assertThat(login.path("username").asString()).isEqualTo("admin");
		assertThat(login.path("isAdmin").asBoolean()).isTrue();
		assertThat(login.path("anonymous").asBoolean()).isFalse();
		JsonNode refresh = curl("-sq", "-XGET", "-b", cookies, api + "/login_refresh");
		assertThat(refresh.path("username").asString()).isEqualTo("admin");
		assertThat(refresh.path("logintime").asString()).isEqualTo(login.path("logintime").asString());
		JsonNode system = curl("-sq", "-b", cookies, api + "/system");
		assertThat(system.path("cpuCore").asInt()).isPositive();
		assertThat(system.path("version").path("dockerVersion").asString()).isEqualTo("20.10.3");
		JsonNode logout = curl("-sq", "-XPUT", "-b", cookies, api + "/logout");
		assertThat(logout.path("username").asString()).isEqualTo("admin");
		assertThat(curl("-sq", "-b", cookies, api + "/system").path("error").path("code").asInt()).isEqualTo(401);
	}

	@Test
	@Order(5)
	void exportedBundleLetsTheDockerCliInThroughTheMappedPort() {
		firstBundle = exportBundle(container, "first");
		caBeforeRestart = read(firstBundle.resolve("ca.pem"));
		assertThat(dockerVersionWith(firstBundle, port(container, 2376))).isEqualTo("20.10.3");
	}

	@Test
	@Order(6)
	void restartKeepsTheCertificateAuthority() {
		long start = System.nanoTime();
		docker("restart", container);
		waitForHealth(container, start);
		Path bundle = exportBundle(container, "after-restart");
		assertThat(read(bundle.resolve("ca.pem"))).isEqualTo(caBeforeRestart);
	}

	@Test
	@Order(7)
	void newContainerOnTheSameVolumeKeepsTheAuthorityAndTheExportedBundle() {
		docker("rm", "-f", "-v", container);
		long start = System.nanoTime();
		String second = run();
		waitForHealth(second, start);
		Path bundle = exportBundle(second, "second-container");
		assertThat(read(bundle.resolve("ca.pem"))).isEqualTo(caBeforeRestart);
		assertThat(dockerVersionWith(firstBundle, port(second, 2376))).isEqualTo("20.10.3");
	}

	private static String run() {
		String id = docker("run", "-d", "-p", "127.0.0.1::8080", "-p", "127.0.0.1::2376", "-v", volume + ":/app/certs",
				IMAGE);
		containers.add(id);
		return id;
	}

	private static Duration waitForHealth(String id, long startNanos) {
		URI health = URI.create("http://127.0.0.1:" + port(id, 8080) + "/_emulator/health");
		long deadline = startNanos + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				int status = http
					.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
							BodyHandlers.discarding())
					.statusCode();
				if (status == 200) {
					return Duration.ofNanos(System.nanoTime() - startNanos);
				}
			}
			catch (IOException ex) {
				// Not listening yet, or the port forwarder answers before the emulator
				// does.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep();
		}
		throw new IllegalStateException("No answer on " + health + " within 3 minutes:\n" + docker("logs", id));
	}

	private static Path exportBundle(String id, String name) {
		String api = "http://127.0.0.1:" + port(id, 8080) + "/container-station/api/v1";
		Path folder = dir.resolve(name);
		String cookies = folder + ".cookies";
		curl("-sq", "-XPOST", "-c", cookies, "-d", "{\"username\": \"admin\", \"password\": \"admin\"}",
				api + "/login");
		Processes.run(List.of("curl", "-sq", "-XGET", "-b", cookies, "-o", folder + ".zip", api + "/tls/export"));
		try (ZipInputStream zip = new ZipInputStream(
				new ByteArrayInputStream(Files.readAllBytes(Path.of(folder + ".zip"))))) {
			Files.createDirectories(folder);
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				Files.write(folder.resolve(entry.getName()), zip.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(folder.resolve("ca.pem")).exists();
		return folder;
	}

	private static String dockerVersionWith(Path bundle, int port) {
		return Processes.run(List.of("docker", "version", "--format", "{{.Server.Version}}"), Map.of("DOCKER_HOST",
				"tcp://127.0.0.1:" + port, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", bundle.toString()));
	}

	private static int port(String id, int containerPort) {
		String mapping = docker("port", id, containerPort + "/tcp").lines().findFirst().orElseThrow();
		return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
	}

	private static JsonNode curl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("curl"));
		command.addAll(List.of(arguments));
		return json.readTree(Processes.run(command));
	}

	private static String docker(String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		return Processes.run(command);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
