package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.csemu.control.ControlConfiguration.ControlToken;
import dev.csemu.system.HostProperties;
import dev.csemu.system.HostResources;
import dev.csemu.system.ResourceFigures;
import dev.csemu.tls.TlsProperties;
import dev.csemu.web.ApiException;
import dev.csemu.web.ClassifiedRequest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What is running and how it does: version, ports and uptime; the metrics (requests by
 * route and status, JVM) in Prometheus's text format; CPU and memory over the last
 * minutes for the dashboard's chart; the OpenAPI 3.1 document of the emulated API; and
 * the dashboard itself, a page, a script and a style sheet from the jar. They hold no
 * data and load without the token (a browser cannot send a bearer header when it
 * navigates); the page asks for the token and sends it with every call to the control
 * API. A strict Content-Security-Policy allows nothing but these files and calls to this
 * origin, and no framing.
 */
@ControlApi
class InfoController {

	/** The dashboard's base path. */
	static final String UI = ClassifiedRequest.CONTROL_BASE + "/ui";

	/** The exact request paths that serve the dashboard's files, and nothing else. */
	static final Set<String> DASHBOARD_PATHS = Set.of(UI, UI + "/", UI + "/index.html", UI + "/app.js",
			UI + "/app.css");

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private static final Logger logger = LoggerFactory.getLogger(InfoController.class);

	private static final Map<String, MediaType> ASSETS = Map.of("index.html", MediaType.TEXT_HTML, "app.js",
			MediaType.parseMediaType("text/javascript"), "app.css", MediaType.parseMediaType("text/css"));

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

	private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

	private final ControlToken token;

	private final ServerProperties server;

	InfoController(ObjectProvider<BuildProperties> build, HostProperties host, TlsProperties.Docker docker,
			PrometheusMeterRegistry registry, HostResources resources, JsonMapper jsonMapper, ControlToken token,
			ServerProperties server) {
		this.token = token;
		this.server = server;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
		this.hostSource = host.source();
		this.dockerTlsPort = docker.tlsPort();
		this.registry = registry;
		this.resources = resources;
		// Read on the first request, not during start-up; once.
		this.openApi = SingletonSupplier.of(() -> readOpenApi(jsonMapper));
	}

	/**
	 * Keeps the port for {@code /info} and prints the dashboard's link with the token in
	 * its fragment, as Jupyter does: the fragment never reaches a server or a proxy's
	 * log.
	 */
	@EventListener
	void listening(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getParent() != null) {
			return;
		}
		this.httpPort = event.getWebServer().getPort();
		logger.info("Dashboard: http://{}:{}{}/#token={}", host(), this.httpPort, UI, this.token.value());
	}

	private String host() {
		InetAddress address = this.server.getAddress();
		if (address == null || address.isAnyLocalAddress()) {
			return "localhost";
		}
		String host = address.getHostAddress();
		return host.contains(":") ? "[" + host + "]" : host;
	}

	@GetMapping({ "/ui", "/ui/", "/ui/{asset}" })
	ResponseEntity<byte[]> asset(@PathVariable(required = false) String asset) {
		if (asset == null) {
			asset = "index.html";
		}
		MediaType type = ASSETS.get(asset);
		if (type == null) {
			throw ApiException.notFound("the dashboard has no " + asset);
		}
		byte[] body = this.assets.computeIfAbsent(asset, (name) -> read("dashboard/" + name));
		return ResponseEntity.ok()
			.contentType(new MediaType(type, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Frame-Options", "DENY")
			.header("Referrer-Policy", "no-referrer")
			.header("X-Content-Type-Options", "nosniff")
			.body(body);
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
		Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(new String(read(OPENAPI_DOCUMENT), StandardCharsets.UTF_8));
		return jsonMapper.writeValueAsBytes(document);
	}

	private static byte[] read(String resource) {
		try {
			return new ClassPathResource(resource).getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + resource, ex);
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
