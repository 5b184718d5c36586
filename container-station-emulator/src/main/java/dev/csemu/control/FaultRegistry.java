package dev.csemu.control;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.csemu.web.ApiException;
import dev.csemu.web.ClassifiedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The faults in force, in the order they were added; the first that hits a request wins.
 */
final class FaultRegistry {

	private static final Logger logger = LoggerFactory.getLogger(FaultRegistry.class);

	/** A capture with a regular expression: {@code {name:regex}}. */
	private static final Pattern REGEX_CAPTURE = Pattern.compile("\\{[^}]*:");

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	Fault add(FaultSpec spec) {
		spec.validate();
		Fault fault = new Fault("f" + this.ids.incrementAndGet(), spec);
		this.faults.add(fault);
		return fault;
	}

	/** The fault that hits this request, or null; it counts the call. */
	Fault match(String method, ClassifiedRequest request, String scope) {
		for (Fault fault : this.faults) {
			try {
				if (fault.hits(method, request, scope)) {
					return fault;
				}
			}
			catch (RuntimeException ex) {
				// A fault must never become a failure of its own: it does not apply.
				logger.warn("Fault {} could not be matched against {}; skipped", fault.id, request.path(), ex);
			}
		}
		return null;
	}

	List<FaultView> list() {
		return this.faults.stream().map(Fault::view).toList();
	}

	boolean remove(String id) {
		return this.faults.removeIf((fault) -> fault.id.equals(id));
	}

	void clear() {
		this.faults.clear();
	}

	/**
	 * Parses a path pattern as faults and journal filters take it: a route below the API
	 * base ({@code /login}, matching all three base paths) or a full path, in Spring's
	 * path pattern syntax ({@code /system/**}, {@code /system/port/{protocol}/*}) without
	 * regular expressions.
	 * @throws ApiException 400 when it is not such a pattern
	 */
	static PathPattern route(String pattern) {
		if (!pattern.startsWith("/")) {
			throw ApiException.badRequest("path must start with /");
		}
		if (REGEX_CAPTURE.matcher(pattern).find()) {
			// A regular expression can fail at match time (capture groups) or take
			// exponential time; * and ** say everything a fault needs.
			throw ApiException.badRequest("path may not hold a regular expression ({name:regex}); use * or **");
		}
		try {
			return PathPatternParser.defaultInstance.parse(pattern);
		}
		catch (PatternParseException ex) {
			throw ApiException.badRequest("path is not a valid path pattern: " + pattern);
		}
	}

	/**
	 * Whether a {@link #route(String) route} matches the decoded path the router uses.
	 */
	static boolean matches(PathPattern route, ClassifiedRequest request) {
		return route.matches(PathContainer.parsePath(request.path()))
				|| (request.surface() == ClassifiedRequest.Surface.API
						&& route.matches(PathContainer.parsePath(request.route())));
	}

	/**
	 * What a test asks for: which requests a fault hits, and what it does to them.
	 *
	 * @param method the HTTP method to match, or null for any
	 * @param path the route to match below the API base path ({@code /login}) or a full
	 * path, as a Spring path pattern ({@code /system/**}); null for any
	 * @param status answer with the vendor's error envelope and this status instead of
	 * the real answer
	 * @param message the envelope's message (a default names the fault)
	 * @param delayMs delay the answer (the real one, or the status) by this long
	 * @param drop close the connection without any answer
	 * @param times apply at most this many times, then stop (null: no limit)
	 * @param after let this many matching calls through first
	 * @param probability apply to each matching call with this probability (null: always)
	 * @param seed the seed of the probability's random sequence, for reproducible runs
	 * @param scope apply only to requests carrying {@code X-Emulator-Scope: <scope>}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FaultSpec(String method, String path, Integer status, String message, Long delayMs, Boolean drop,
			Integer times, Integer after, Double probability, Long seed, String scope) {

		/** Refuses (400) a spec that makes no sense, before it gets an id. */
		void validate() {
			if (this.status == null && this.delayMs == null && !Boolean.TRUE.equals(this.drop)) {
				throw ApiException.badRequest("a fault needs status, delayMs or drop");
			}
			if (this.status != null
					&& (this.status < 400 || this.status > 599 || HttpStatus.resolve(this.status) == null)) {
				throw ApiException.badRequest("status must be an HTTP error status (400-599)");
			}
			if (this.delayMs != null && (this.delayMs < 0 || this.delayMs > 60_000)) {
				throw ApiException.badRequest("delayMs must be between 0 and 60000");
			}
			if (this.times != null && this.times < 1) {
				throw ApiException.badRequest("times must be at least 1");
			}
			if (this.after != null && this.after < 0) {
				throw ApiException.badRequest("after must not be negative");
			}
			if (this.probability != null && (this.probability < 0 || this.probability > 1)) {
				throw ApiException.badRequest("probability must be between 0 and 1");
			}
		}

	}

	/**
	 * A fault as listed: its spec and how often it matched and applied.
	 *
	 * @param id the fault's id
	 * @param spec what was asked for
	 * @param matched matching calls seen
	 * @param applied calls it was applied to
	 * @param remaining applications left, when limited by {@code times}
	 */
	record FaultView(String id, FaultSpec spec, int matched, int applied, Integer remaining) {
	}

	/**
	 * One registered fault: its spec, and the counters that decide which matching call it
	 * hits.
	 */
	static final class Fault {

		final String id;

		final FaultSpec spec;

		private final PathPattern route;

		private final Random random;

		private int seen;

		private int applied;

		private Fault(String id, FaultSpec spec) {
			this.id = id;
			this.spec = spec;
			this.route = (spec.path() != null) ? route(spec.path()) : null;
			this.random = (spec.seed() != null) ? new Random(spec.seed()) : new Random();
		}

		/** Whether this fault hits the request; counts the call when it matches. */
		synchronized boolean hits(String method, ClassifiedRequest request, String scope) {
			if (!matches(method, request, scope) || (this.spec.times() != null && this.applied >= this.spec.times())) {
				return false;
			}
			this.seen++;
			if (this.spec.after() != null && this.seen <= this.spec.after()) {
				return false;
			}
			if (this.spec.probability() != null && this.random.nextDouble() >= this.spec.probability()) {
				return false;
			}
			this.applied++;
			return true;
		}

		synchronized FaultView view() {
			Integer remaining = (this.spec.times() != null) ? Math.max(0, this.spec.times() - this.applied) : null;
			return new FaultView(this.id, this.spec, this.seen, this.applied, remaining);
		}

		private boolean matches(String method, ClassifiedRequest request, String scope) {
			return (this.spec.scope() == null || this.spec.scope().equals(scope))
					&& (this.spec.method() == null || this.spec.method().toUpperCase(Locale.ROOT).equals(method))
					&& (this.route == null || FaultRegistry.matches(this.route, request));
		}

	}

}
