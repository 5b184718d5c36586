package dev.csemu.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.system.Architecture;

/**
 * Docker Engine's {@code GET /version} answer, for the Docker version Container Station
 * 2.4.0.2316 reports ({@code dockerVersion} in {@code /system}).
 *
 * @param platform the product
 * @param components the engine and its details
 * @param version the engine's version
 * @param apiVersion the newest API version served
 * @param minApiVersion the oldest API version served
 * @param gitCommit the engine's commit
 * @param goVersion the Go release it was built with
 * @param os always {@code linux}
 * @param arch Go's name of this machine's architecture
 * @param kernelVersion this machine's kernel release
 * @param buildTime when the engine was built
 */
record DockerVersion(@JsonProperty("Platform") Platform platform,
		@JsonProperty("Components") List<Component> components, @JsonProperty("Version") String version,
		@JsonProperty("ApiVersion") String apiVersion, @JsonProperty("MinAPIVersion") String minApiVersion,
		@JsonProperty("GitCommit") String gitCommit, @JsonProperty("GoVersion") String goVersion,
		@JsonProperty("Os") String os, @JsonProperty("Arch") String arch,
		@JsonProperty("KernelVersion") String kernelVersion, @JsonProperty("BuildTime") String buildTime) {

	/** The Docker Engine release of Container Station 2.4.0.2316. */
	/** The newest Docker API version that release serves. */
	static final String API_VERSION = "1.41";

	/** The oldest Docker API version that release serves. */
	static final String MIN_API_VERSION = "1.12";

	private static final String GIT_COMMIT = "46229ca";

	private static final String GO_VERSION = "go1.13.15";

	private static final String BUILD_TIME = "2021-02-02T01:24:16.000000000+00:00";

	/**
	 * The answer for this machine.
	 * @param engineVersion the product's docker version ({@code dockerVersion} in
	 * {@code /system}, from {@code emulator.host.product.version.docker-version})
	 * @return the version document
	 */
	static DockerVersion current(String engineVersion) {
		String arch = Architecture.current().goArch();
		String kernel = System.getProperty("os.version", "");
		Map<String, String> details = new LinkedHashMap<>();
		details.put("ApiVersion", API_VERSION);
		details.put("Arch", arch);
		details.put("BuildTime", BUILD_TIME);
		details.put("Experimental", "false");
		details.put("GitCommit", GIT_COMMIT);
		details.put("GoVersion", GO_VERSION);
		details.put("KernelVersion", kernel);
		details.put("MinAPIVersion", MIN_API_VERSION);
		details.put("Os", "linux");
		return new DockerVersion(new Platform("Docker Engine - Community"),
				List.of(new Component("Engine", engineVersion, details)), engineVersion, API_VERSION, MIN_API_VERSION,
				GIT_COMMIT, GO_VERSION, "linux", arch, kernel, BUILD_TIME);
	}

	/**
	 * The product.
	 *
	 * @param name its name
	 */
	record Platform(@JsonProperty("Name") String name) {
	}

	/**
	 * A component of the product.
	 *
	 * @param name its name
	 * @param version its version
	 * @param details more facts
	 */
	record Component(@JsonProperty("Name") String name, @JsonProperty("Version") String version,
			@JsonProperty("Details") Map<String, String> details) {
	}

}
