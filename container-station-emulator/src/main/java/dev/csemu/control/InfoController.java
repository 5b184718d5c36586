package dev.csemu.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.csemu.system.HostProperties;
import dev.csemu.system.HostResources;
import dev.csemu.system.ResourceFigures;
import dev.csemu.tls.TlsProperties;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What is running and how it does: version, ports and uptime; the metrics (requests by
 * route and status, JVM) in Prometheus's text format; CPU and memory over the last
 * minutes for the dashboard's chart; and the OpenAPI 3.1 document of the emulated API.
 */
@ControlApi
class InfoController {

	static final String OPENAPI_DOCUMENT = "openapi/container-station-api.yaml";

	/** How often a point of the host history is taken. */
	static final Duration HISTORY_INTERVAL = Duration.ofSeconds(5);

	/** How many points are kept: 15 minutes. */
	static final int HISTORY_CAPACITY = 180;

	private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

	private final Instant started = Instant.now();

	private final Clock realTime = Clock.systemUTC();

	private final String version;

	private final HostProperties.Source hostSource;

	private final int dockerTlsPort;

	private volatile int httpPort;

	private final PrometheusMeterRegistry registry;

	private final HostResources resources;

	private final SingletonSupplier<byte[]> openApi;

	private final ArrayDeque<Point> history = new ArrayDeque<>(HISTORY_CAPACITY);

	InfoController(ObjectProvider<BuildProperties> build, HostProperties host, TlsProperties.Docker docker,
			PrometheusMeterRegistry registry, HostResources resources, JsonMapper jsonMapper) {
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
		this.hostSource = host.source();
		this.dockerTlsPort = docker.tlsPort();
		this.registry = registry;
		this.resources = resources;
		// Read on the first request, not during start-up; once.
		this.openApi = SingletonSupplier.of(() -> readOpenApi(jsonMapper));
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
		Instant now = this.realTime.instant();
		return new Info("container-station-emulator", this.version, this.hostSource, ports, this.started,
				Duration.between(this.started, now).withNanos(0), System.getProperty("java.version"), now);
	}

	@GetMapping("/metrics")
	ResponseEntity<String> metrics() {
		return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(this.registry.scrape());
	}

	@GetMapping("/openapi.json")
	ResponseEntity<byte[]> openApi() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.openApi.obtain());
	}

	@GetMapping("/host/history")
	History hostHistory() {
		List<Point> points;
		synchronized (this.history) {
			points = new ArrayList<>(this.history);
		}
		if (points.isEmpty()) {
			// The first reading is taken when somebody first looks, not during start-up,
			// where it would wait for the host probe.
			takeHostReading();
			return hostHistory();
		}
		return new History(this.hostSource, HISTORY_INTERVAL.toSeconds(), this.resources.overridden().isPresent(),
				points);
	}

	@Scheduled(fixedRateString = "PT5S", initialDelayString = "PT5S")
	void takeHostReading() {
		ResourceFigures figures = this.resources.figures();
		Point point = new Point(this.realTime.instant(), figures.cpuUsage(), figures.usedMb(), figures.totalMb(),
				this.resources.overridden().isPresent());
		synchronized (this.history) {
			if (this.history.size() == HISTORY_CAPACITY) {
				this.history.removeFirst();
			}
			this.history.addLast(point);
		}
	}

	private static byte[] readOpenApi(JsonMapper jsonMapper) {
		try (InputStream in = new ClassPathResource(OPENAPI_DOCUMENT).getInputStream()) {
			Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			return jsonMapper.writeValueAsBytes(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + OPENAPI_DOCUMENT, ex);
		}
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

	/**
	 * The recent host figures.
	 *
	 * @param source where host facts come from: live or fixture
	 * @param intervalSeconds seconds between two points
	 * @param overridden whether figures set through the control API are in force now
	 * @param points the readings, oldest first
	 */
	record History(HostProperties.Source source, long intervalSeconds, boolean overridden, List<Point> points) {
	}

	/**
	 * One reading.
	 *
	 * @param time when it was taken (real time)
	 * @param cpuUsage CPU use in percent
	 * @param usedMb memory in use, excluding buffers and cache, in MB
	 * @param totalMb all memory, in MB
	 * @param overridden whether the figures were set through the control API
	 */
	record Point(Instant time, double cpuUsage, long usedMb, long totalMb, boolean overridden) {
	}

}
