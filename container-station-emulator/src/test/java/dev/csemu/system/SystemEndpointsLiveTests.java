package dev.csemu.system;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.csemu.support.SignIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code /system} and {@code /system/resource} in the live source, replaying the vendor's
 * curl calls and checking the answers against this machine.
 */
@LiveEmulatorTest
class SystemEndpointsLiveTests {

	private static final Path PROC = Path.of("/proc");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	String sid;

	@BeforeEach
	void signIn() {
		this.sid = SignIn.asAdmin(this.port);
	}

	@Test
	void systemTellsThisMachinesHostnameProcessorsMemoryAndPageSize() throws Exception {
		JsonNode system = get("/system");
		assertThat(system.get("hostname").asString()).isEqualTo(hostname());
		assertThat(system.get("cpuThread").asInt()).isEqualTo(logicalProcessors());
		assertThat(system.get("cpuCore").asInt()).isBetween(1, system.get("cpuThread").asInt());
		assertThat(system.get("memory").isIntegralNumber()).isTrue();
		assumeThat(Files.isReadable(PROC.resolve("meminfo"))).isTrue();
		assertThat((double) system.get("memory").asLong()).isCloseTo(memTotalKib(), within(memTotalKib() * 0.01));
		assertThat(system.get("memoryPageSize").asInt()).isEqualTo(pageSize());
	}

	@Test
	void systemNamesTheProcessorModelAndTheArchitectureAsDockerDoes() throws Exception {
		JsonNode system = get("/system");
		String arch = System.getProperty("os.arch");
		if (arch.equals("amd64") || arch.equals("x86_64")) {
			assertThat(system.get("machine").asString()).isEqualTo("amd64");
		}
		else if (arch.equals("aarch64")) {
			assertThat(system.get("machine").asString()).isEqualTo("arm64");
		}
		String model = cpuinfo("model name");
		assumeThat(model).isNotNull();
		assertThat(system.get("processor").asString()).isEqualTo(model);
	}

	@Test
	void systemTakesContainerStationsOwnFactsFromTheProductDefaults() {
		JsonNode system = get("/system");
		JsonNode vendor = JSON.readTree(JsonBodyAssert.contract("system-response.json"));
		for (String field : List.of("features", "gpu", "gpuchanged", "isDevicemapper", "isSupportOverlay",
				"migrationDir", "migrationDmStatus", "needRestart", "platform", "status", "storageDriver", "uncleanFS",
				"version")) {
			assertThat(system.get(field)).as(field).isEqualTo(vendor.get(field));
		}
		List<String> names = system.propertyNames().stream().toList();
		assertThat(names).containsExactlyElementsOf(vendor.propertyNames());
	}

	@Test
	void resourceReportsCpuUseAsAOneDecimalStringAndMemoryInWholeMegabytes() throws Exception {
		JsonNode resource = get("/system/resource");
		JsonNode cpu = resource.get("cpu_usage");
		assertThat(cpu.isString()).isTrue();
		assertThat(cpu.asString()).matches("\\d{1,3}\\.\\d");
		assertThat(Double.parseDouble(cpu.asString())).isBetween(0.0, 100.0);
		JsonNode memory = resource.get("memory_usage");
		assertThat(memory.propertyNames()).containsExactly("buffers", "cached", "percent", "percent_buffers",
				"percent_cached", "total", "used");
		memory.forEach((figure) -> assertThat(figure.isIntegralNumber()).isTrue());
		long total = memory.get("total").asLong();
		assertThat(memory.get("percent").asLong()).isEqualTo(memory.get("used").asLong() * 100 / total);
		assertThat(memory.get("percent_buffers").asLong()).isEqualTo(memory.get("buffers").asLong() * 100 / total);
		assertThat(memory.get("percent_cached").asLong()).isEqualTo(memory.get("cached").asLong() * 100 / total);
		assumeThat(Files.isReadable(PROC.resolve("meminfo"))).isTrue();
		assertThat((double) total).isCloseTo(memTotalKib() / 1024.0, within(memTotalKib() / 1024.0 * 0.01));
	}

	@Test
	void everyBasePathAnswersTheSameFacts() {
		String current = body(SignIn.API + "/system");
		assertThat(body("/containerstation/api/v1/system")).isEqualTo(current);
		assertThat(body("/api/v1/system")).isEqualTo(current);
	}

	@Test
	void withoutASessionTheFactsAreRefused() {
		String body = given().port(this.port)
			.get(SignIn.API + "/system/resource")
			.then()
			.statusCode(401)
			.extract()
			.asString();
		assertThat(JSON.readTree(body).at("/error/code").asInt()).isEqualTo(401);
	}

	private JsonNode get(String route) {
		return JSON.readTree(body(SignIn.API + route));
	}

	private String body(String path) {
		return SignIn.getJson(this.port, this.sid, path);
	}

	private static String hostname() throws IOException {
		Path kernel = PROC.resolve("sys/kernel/hostname");
		if (Files.isReadable(kernel)) {
			return Files.readString(kernel).trim();
		}
		return InetAddress.getLocalHost().getHostName();
	}

	private static int logicalProcessors() throws IOException {
		Path cpuinfo = PROC.resolve("cpuinfo");
		if (Files.isReadable(cpuinfo)) {
			return (int) Files.readAllLines(cpuinfo)
				.stream()
				.filter((line) -> line.matches("processor\\s*:.*"))
				.count();
		}
		return Runtime.getRuntime().availableProcessors();
	}

	private static String cpuinfo(String key) throws IOException {
		Path cpuinfo = PROC.resolve("cpuinfo");
		if (!Files.isReadable(cpuinfo)) {
			return null;
		}
		return Files.readAllLines(cpuinfo)
			.stream()
			.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(key))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse(null);
	}

	private static long memTotalKib() throws IOException {
		return Files.readAllLines(PROC.resolve("meminfo"))
			.stream()
			.filter((line) -> line.startsWith("MemTotal:"))
			.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
			.findFirst()
			.orElseThrow();
	}

	private static int pageSize() throws Exception {
		Process getconf = new ProcessBuilder("getconf", "PAGESIZE").redirectErrorStream(true).start();
		String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
		assertThat(getconf.waitFor()).isZero();
		return Integer.parseInt(out);
	}

}
