package dev.csemu.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.csemu.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request protection without tokens: a state-changing request whose
 * {@code Origin} names another host than the one it was sent to is refused with 403. curl
 * and scripts send no Origin and pass; browsers always send it on cross-site writes.
 */
class OriginCheckFilter extends OncePerRequestFilter {

	private final ErrorWriter errorWriter;

	OriginCheckFilter(ErrorWriter errorWriter) {
		this.errorWriter = errorWriter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null && isStateChanging(request.getMethod()) && !sameHost(origin, request)) {
			this.errorWriter.write(response, HttpStatus.FORBIDDEN,
					"cross-site request refused: Origin " + origin + " is not this host");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isStateChanging(String method) {
		return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
	}

	private static boolean sameHost(String origin, HttpServletRequest request) {
		String host = request.getHeader(HttpHeaders.HOST);
		if (host == null) {
			return false;
		}
		try {
			URI uri = new URI(origin);
			if (uri.getHost() == null) {
				return false;
			}
			String authority = uri.getHost().toLowerCase(Locale.ROOT);
			int port = uri.getPort();
			if (port < 0) {
				port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			}
			String expected = host.toLowerCase(Locale.ROOT);
			return expected.equals(authority + ":" + port)
					|| (expected.equals(authority) && port == (request.isSecure() ? 443 : 80));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
