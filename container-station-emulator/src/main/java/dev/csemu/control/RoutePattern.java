package dev.csemu.control;

import dev.csemu.web.ApiException;
import dev.csemu.web.ApiPaths;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * A path pattern as faults and journal filters take it: a route below the API base
 * ({@code /login}, matching all three base paths) or a full path, in Spring's path
 * pattern syntax ({@code /system/**}).
 */
final class RoutePattern {

	private final PathPattern pattern;

	private RoutePattern(PathPattern pattern) {
		this.pattern = pattern;
	}

	/**
	 * Parses a client's pattern.
	 * @param pattern the pattern
	 * @return the parsed pattern
	 * @throws ApiException 400 when it is not a path pattern
	 */
	static RoutePattern parse(String pattern) {
		if (!pattern.startsWith("/")) {
			throw ApiException.badRequest("path must start with /");
		}
		try {
			return new RoutePattern(PathPatternParser.defaultInstance.parse(pattern));
		}
		catch (PatternParseException ex) {
			throw ApiException.badRequest("path is not a valid path pattern: " + pattern);
		}
	}

	boolean matches(String path) {
		return this.pattern.matches(PathContainer.parsePath(path))
				|| this.pattern.matches(PathContainer.parsePath(ApiPaths.routeOf(path)));
	}

}
