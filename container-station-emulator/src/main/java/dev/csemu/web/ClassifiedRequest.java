package dev.csemu.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * What a request is, decided once on the path Spring MVC and the security chains match
 * on: the request URI split into segments, each percent-decoded and without path
 * parameters. Everything that decides about a request (which API, which rule, which
 * fault, whether it is journaled) uses this, never the raw URI.
 *
 * @param surface which part of the emulator the request is for
 * @param path the decoded path, without the context path
 * @param route for the emulated API the path below its base ({@code /login}), otherwise
 * the path
 */
public record ClassifiedRequest(Surface surface, String path, String route) {

	private static final String ATTRIBUTE = ClassifiedRequest.class.getName();

	/** The base path of the control API. */
	public static final String CONTROL_BASE = "/_emulator";

	/** The parts of the emulator a request can be for. */
	public enum Surface {

		/** Container Station's API under one of its three base paths. */
		API,

		/** QTS sign-in under {@code /cgi-bin}. */
		QTS,

		/** The emulator's own control API under {@code /_emulator}. */
		CONTROL,

		/** Anything else: not a route of the emulator. */
		OTHER

	}

	/** The request's classification, computed on first use and kept with the request. */
	public static ClassifiedRequest of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof ClassifiedRequest classified) {
			return classified;
		}
		ClassifiedRequest classified = ofPath(decodedPath(request));
		request.setAttribute(ATTRIBUTE, classified);
		return classified;
	}

	/** The classification of a decoded path without the context path. */
	public static ClassifiedRequest ofPath(String path) {
		for (String base : ContainerStationApi.BASES) {
			if (isUnder(path, base)) {
				return new ClassifiedRequest(Surface.API, path, path.substring(base.length()));
			}
		}
		if (isUnder(path, CONTROL_BASE)) {
			return new ClassifiedRequest(Surface.CONTROL, path, path);
		}
		if (isUnder(path, "/cgi-bin")) {
			return new ClassifiedRequest(Surface.QTS, path, path);
		}
		return new ClassifiedRequest(Surface.OTHER, path, path);
	}

	private static boolean isUnder(String path, String base) {
		return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
	}

	private static String decodedPath(HttpServletRequest request) {
		try {
			RequestPath parsed = RequestPath.parse(request.getRequestURI(), request.getContextPath());
			StringBuilder path = new StringBuilder();
			for (PathContainer.Element element : parsed.pathWithinApplication().elements()) {
				path.append((element instanceof PathContainer.PathSegment segment) ? segment.valueToMatch()
						: element.value());
			}
			return path.toString();
		}
		catch (IllegalArgumentException ex) {
			// An escape that does not decode: no route matches it either.
			return request.getRequestURI();
		}
	}

}
