package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.csemu.web.ApiException;
import dev.csemu.web.ClassifiedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The dashboard: a page, a script and a style sheet from the jar. They hold no data and
 * load without the token (a browser cannot send a bearer header when it navigates); the
 * page asks for the token and sends it with every call to the control API. A strict
 * Content-Security-Policy allows nothing but these files and calls to this origin, and no
 * framing.
 */
@ControlApi
class DashboardController {

	/** The dashboard's base path. */
	static final String UI = ClassifiedRequest.CONTROL_BASE + "/ui";

	/** The exact request paths that serve the dashboard's files, and nothing else. */
	static final Set<String> PATHS = Set.of(UI, UI + "/", UI + "/index.html", UI + "/app.js", UI + "/app.css");

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private static final Logger logger = LoggerFactory.getLogger(DashboardController.class);

	private static final Map<String, MediaType> ASSETS = Map.of("index.html", MediaType.TEXT_HTML, "app.js",
			MediaType.parseMediaType("text/javascript"), "app.css", MediaType.parseMediaType("text/css"));

	private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

	private final ControlToken token;

	private final ServerProperties server;

	DashboardController(ControlToken token, ServerProperties server) {
		this.token = token;
		this.server = server;
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
		byte[] body = this.cache.computeIfAbsent(asset, DashboardController::read);
		return ResponseEntity.ok()
			.contentType(new MediaType(type, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Frame-Options", "DENY")
			.header("Referrer-Policy", "no-referrer")
			.header("X-Content-Type-Options", "nosniff")
			.body(body);
	}

	/**
	 * Prints the dashboard's link with the token in its fragment, as Jupyter does: the
	 * fragment never reaches a server or a proxy's log.
	 */
	@EventListener
	void printLink(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getParent() != null) {
			return;
		}
		logger.info("Dashboard: http://{}:{}{}/#token={}", host(), event.getWebServer().getPort(), UI,
				this.token.value());
	}

	private String host() {
		InetAddress address = this.server.getAddress();
		if (address == null || address.isAnyLocalAddress()) {
			return "localhost";
		}
		String host = address.getHostAddress();
		return host.contains(":") ? "[" + host + "]" : host;
	}

	private static byte[] read(String asset) {
		try {
			return new ClassPathResource("dashboard/" + asset).getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the dashboard's " + asset, ex);
		}
	}

}
