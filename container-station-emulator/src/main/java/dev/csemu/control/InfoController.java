package dev.csemu.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.csemu.system.HostProperties;
import dev.csemu.tls.TlsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What is running: version, host source, ports and uptime.
 */
@ControlApi
class InfoController {

	private final String version;

	private final HostProperties.Source hostSource;

	private final int dockerTlsPort;

	private final Instant started = Instant.now();

	private volatile int httpPort;

	InfoController(ObjectProvider<BuildProperties> build, HostProperties host, TlsProperties.Docker docker) {
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
		this.hostSource = host.source();
		this.dockerTlsPort = docker.tlsPort();
	}

	@EventListener
	void listening(WebServerInitializedEvent event) {
		this.httpPort = event.getWebServer().getPort();
	}

	@GetMapping("/info")
	Info info() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("http", this.httpPort);
		ports.put("dockerTls", this.dockerTlsPort);
		Instant now = Instant.now();
		return new Info("container-station-emulator", this.version, this.hostSource, ports, this.started,
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
	record Info(String name, String version, HostProperties.Source hostSource, Map<String, Integer> ports,
			Instant startedAt, Duration uptime, String java, Instant realTime) {
	}

}
