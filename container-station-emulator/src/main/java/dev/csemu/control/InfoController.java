package dev.csemu.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What is running: version, host source, ports and uptime.
 */
@ControlApi
class InfoController {

	private final String version;

	private final Environment environment;

	private final Instant started = Instant.now();

	InfoController(ObjectProvider<BuildProperties> build, Environment environment) {
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
		this.environment = environment;
	}

	@GetMapping("/info")
	Info info() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("http", this.environment.getProperty("local.server.port", Integer.class, 0));
		ports.put("dockerTls", this.environment.getProperty("emulator.docker.tls-port", Integer.class, 2376));
		Instant now = Instant.now();
		return new Info("container-station-emulator", this.version,
				this.environment.getProperty("emulator.host.source", "live"), ports, this.started,
				Duration.between(this.started, now).withNanos(0), System.getProperty("java.version"),
				Clock.systemUTC().instant());
	}

	/**
	 * What is running.
	 *
	 * @param name the product
	 * @param version the emulator's version
	 * @param hostSource where host facts come from: live or fixture
	 * @param ports the listening ports (0: off)
	 * @param startedAt when the emulator started (real time)
	 * @param uptime how long it has run (real time)
	 * @param java the Java version
	 * @param realTime the real time now, whatever the emulator's clock says
	 */
	record Info(String name, String version, String hostSource, Map<String, Integer> ports, Instant startedAt,
			Duration uptime, String java, Instant realTime) {
	}

}
