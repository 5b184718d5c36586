package dev.csemu.control;

import java.util.regex.Pattern;

import dev.csemu.web.ApiException;
import dev.csemu.web.ClassifiedRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * A path pattern as faults and journal filters take it: a route below the API base
 * ({@code /login}, matching all three base paths) or a full path, in Spring's path
 * pattern syntax ({@code /system/**}, {@code /system/port/{protocol}/*}) without regular
 * expressions. Matched on the decoded path the router uses.
 */
final class RoutePattern {

	/** A capture with a regular expression: {@code {name:regex}}. */
	private static final Pattern REGEX_CAPTURE = Pattern.compile("\\{[^}]*:");

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
		if (REGEX_CAPTURE.matcher(pattern).find()) {
			// A regular expression can fail at match time (capture groups) or take
			// exponential time; * and ** say everything a fault needs.
			throw ApiException.badRequest("path may not hold a regular expression ({name:regex}); use * or **");
		}
		try {
			return new RoutePattern(PathPatternParser.defaultInstance.parse(pattern));
		}
		catch (PatternParseException ex) {
			throw ApiException.badRequest("path is not a valid path pattern: " + pattern);
		}
	}

	boolean matches(ClassifiedRequest request) {
		return matches(request.path()) || (request.surface() == ClassifiedRequest.Surface.API
				&& this.pattern.matches(PathContainer.parsePath(request.route())));
	}

	boolean matches(String path) {
		return this.pattern.matches(PathContainer.parsePath(path));
	}

}
