package dev.csemu.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests from browsers must name this emulator. A request carrying {@code Origin} or
 * {@code Sec-Fetch-Site} comes from a browser; it is refused (403) unless its Host and
 * Origin are names of the emulator (DNS rebinding: a page on {@code evil.example} that
 * resolves to 127.0.0.1 sends {@code Host: evil.example}), and a state-changing one
 * unless its Origin is the very host it was sent to (cross-site writes). Scripts and
 * clients send neither header and pass whatever Host they use: the emulator is a drop-in
 * on the network. Runs in every security chain, which {@link #statelessChain} sets up.
 */
@Component
public final class BrowserCheck {

	private final Set<String> allowed;

	private final List<KnownHostNames> known;

	private final Set<String> localAddresses;

	BrowserCheck(WebProperties properties, List<KnownHostNames> known) {
		this.allowed = properties.allowedHosts()
			.stream()
			.map(BrowserCheck::normalize)
			.collect(Collectors.toUnmodifiableSet());
		this.known = known;
		this.localAddresses = localAddresses();
	}

	/**
	 * A security chain for an API of scripts, with this check after the headers: the
	 * emulator keeps its own sessions, so no HTTP session, request cache, login page or
	 * basic login, logout page, anonymous token or servlet security methods.
	 * @param http the chain to set up
	 * @return the same chain, for its own rules
	 */
	public HttpSecurity statelessChain(HttpSecurity http) {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.addFilterAfter(new OncePerRequestFilter() {

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					String refusal = refusal(request);
					if (refusal != null) {
						ErrorEnvelope.send(request, response, HttpStatus.FORBIDDEN, refusal);
						return;
					}
					chain.doFilter(request, response);
				}

			}, HeaderWriterFilter.class);
	}

	private String refusal(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null && request.getHeader("Sec-Fetch-Site") == null) {
			return null;
		}
		String host = request.getHeader(HttpHeaders.HOST);
		if (host == null || !isEmulator(hostPart(host))) {
			return "browser request refused: Host " + host
					+ " is not a name of this emulator (add it to emulator.allowed-hosts)";
		}
		if (origin == null) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(origin);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null || !isEmulator(normalize(uri.getHost()))) {
			return "browser request refused: Origin " + origin + " is not this emulator";
		}
		if (isStateChanging(request.getMethod()) && !sameOrigin(uri, host, request.isSecure())) {
			return "cross-site request refused: Origin " + origin + " is not this host";
		}
		return null;
	}

	private boolean isEmulator(String host) {
		return !host.isEmpty() && (host.equals("localhost") || host.endsWith(".localhost")
				|| this.allowed.contains(host) || this.localAddresses.contains(host) || isLoopbackLiteral(host)
				|| this.known.stream()
					.flatMap((names) -> names.hostNames().stream())
					.anyMatch((name) -> host.equals(normalize(name))));
	}

	private static boolean isLoopbackLiteral(String host) {
		return host.startsWith("127.") && host.chars().allMatch((c) -> c == '.' || Character.isDigit(c))
				|| host.equals("0:0:0:0:0:0:0:1");
	}

	private static boolean sameOrigin(URI origin, String host, boolean secure) {
		// The HTTP and the HTTPS port are two origins: the scheme must be the one the
		// request came in with.
		if ("https".equalsIgnoreCase(origin.getScheme()) != secure) {
			return false;
		}
		int port = origin.getPort();
		if (port < 0) {
			port = "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
		}
		String authority = origin.getHost().toLowerCase(Locale.ROOT);
		String expected = host.toLowerCase(Locale.ROOT);
		return expected.equals(authority + ":" + port) || (expected.equals(authority) && port == (secure ? 443 : 80));
	}

	private static boolean isStateChanging(String method) {
		return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
	}

	/** The host of a Host header, without port or IPv6 brackets, lower case. */
	static String hostPart(String host) {
		String value = host.trim();
		if (value.startsWith("[")) {
			int end = value.indexOf(']');
			return (end > 0) ? normalize(value.substring(1, end)) : "";
		}
		int colon = value.indexOf(':');
		return normalize((colon >= 0) ? value.substring(0, colon) : value);
	}

	private static String normalize(String name) {
		String value = name.trim().toLowerCase(Locale.ROOT);
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		if (value.indexOf(':') >= 0
				&& value.chars().allMatch((c) -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
			// One spelling of an IPv6 literal: a literal is parsed, never looked up.
			try {
				value = InetAddress.getByName(value).getHostAddress();
			}
			catch (java.net.UnknownHostException ex) {
				return value;
			}
		}
		return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
	}

	private static Set<String> localAddresses() {
		try {
			// Without the zone of a link-local IPv6 address.
			return NetworkInterface.networkInterfaces()
				.flatMap(NetworkInterface::inetAddresses)
				.map((address) -> address.getHostAddress().replaceFirst("%.*", ""))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (SocketException ex) {
			// No adapters to list: loopback and configured names still count.
			return Set.of();
		}
	}

}
