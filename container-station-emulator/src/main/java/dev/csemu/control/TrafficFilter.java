package dev.csemu.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.csemu.auth.SessionStore.Session;
import dev.csemu.web.ApiException;
import dev.csemu.web.ClassifiedRequest;
import dev.csemu.web.ErrorEnvelope;
import dev.csemu.web.RequestBody;
import dev.csemu.web.TomcatCustomizations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The emulated API's traffic as the control plane sees it: the faults in force, in the
 * order they were added, applied here before anything else runs (the first that hits a
 * request wins), and every request written to the journal, a bounded ring of the last
 * {@code journalSize} that never keeps passwords, sids, TOTP codes, cookies and
 * credentials. Both decide on the request's {@link ClassifiedRequest classification}, the
 * decoded path the router uses: {@code /%6cogin} is {@code /login} to a fault as it is to
 * the router.
 */
@Order(TrafficFilter.ORDER)
class TrafficFilter extends OncePerRequestFilter {

	/** After the one body reader, so that the journal keeps the body. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	/** The request header that scopes faults and journal entries to one test. */
	static final String SCOPE_HEADER = "X-Emulator-Scope";

	/**
	 * Names the fault applied to an answer, so that a client can tell a fake from the
	 * real thing.
	 */
	static final String FAULT_HEADER = "X-Emulator-Fault";

	private static final Set<String> KNOWN_METHODS = Arrays.stream(HttpMethod.values())
		.map(HttpMethod::name)
		.collect(Collectors.toUnmodifiableSet());

	private static final Logger logger = LoggerFactory.getLogger(TrafficFilter.class);

	private static final String REDACTED = "***";

	private static final int MAX_BODY_CHARS = 2048;

	/** Fields of bodies and query strings whose values are secrets. */
	private static final Set<String> SECRET_FIELDS = Set.of("password", "pwd", "plain_pwd", "sid", "security_code",
			"authsid", "token", "two-step-secret", "twostepsecret");

	/**
	 * Words that make a header's value a secret when its name holds one:
	 * {@code Authorization}, {@code Cookie}, {@code X-Auth-Token}, {@code X-Api-Key}, ...
	 */
	private static final List<String> SECRET_HEADER_WORDS = List.of("token", "key", "secret", "auth", "cookie",
			"password", "session");

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	private final int journalSize;

	/** The journal: the last {@code journalSize} requests, newest first. */
	private final ArrayDeque<Entry> entries;

	private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final MeterRegistry metrics;

	/**
	 * The request timers by their tags, so that a request looks its timer up without
	 * building Micrometer's tags and id; bounded as the tags are.
	 */
	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	TrafficFilter(int journalSize, JsonMapper jsonMapper, Clock clock, MeterRegistry metrics) {
		this.journalSize = journalSize;
		this.entries = new ArrayDeque<>(Math.min(journalSize, 1024));
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.metrics = metrics;
	}

	/** Adds a fault, once its spec makes sense (400 if not); returns its id. */
	String addFault(FaultSpec spec) {
		spec.validate();
		Fault fault = new Fault("f" + this.ids.incrementAndGet(), spec);
		this.faults.add(fault);
		return fault.id;
	}

	List<FaultView> faults() {
		return this.faults.stream().map(Fault::view).toList();
	}

	boolean removeFault(String id) {
		return this.faults.removeIf((fault) -> fault.id.equals(id));
	}

	void clearFaults() {
		this.faults.clear();
	}

	void record(Entry entry) {
		synchronized (this.entries) {
			if (this.entries.size() == this.journalSize) {
				this.entries.removeLast();
			}
			this.entries.addFirst(entry);
		}
		this.listeners.forEach((listener) -> listener.accept(entry));
	}

	/**
	 * Tells a listener of every entry recorded from now on, on the recording thread: it
	 * must return at once.
	 */
	void onRecord(Consumer<Entry> listener) {
		this.listeners.add(listener);
	}

	/** The journal's entries that match, newest first, as a copy. */
	List<Entry> find(Match match) {
		List<Entry> found = new ArrayList<>();
		synchronized (this.entries) {
			for (Entry entry : this.entries) {
				if (match.test(entry)) {
					found.add(entry);
				}
			}
		}
		return found;
	}

	void clearJournal() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

	/** The fault that hits this request, or null; it counts the call. */
	private Fault match(String method, ClassifiedRequest request, String scope) {
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

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return ClassifiedRequest.of(request).surface() == ClassifiedRequest.Surface.CONTROL;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Instant time = this.clock.instant();
		ClassifiedRequest classified = ClassifiedRequest.of(request);
		String scope = request.getHeader(SCOPE_HEADER);
		Fault fault = match(request.getMethod(), classified, scope);
		String faultId = (fault != null) ? fault.id : null;
		// Journaled just before the answer leaves, so that a client that has its answer
		// finds the entry.
		JournalingResponse journaling = new JournalingResponse(response,
				(status) -> record(request, classified, time, start, status, scope, faultId));
		try {
			if (fault != null) {
				FaultSpec spec = fault.spec;
				response.setHeader(FAULT_HEADER, faultId);
				if (spec.delayMs() != null && spec.delayMs() > 0) {
					sleep(spec.delayMs());
				}
				if (Boolean.TRUE.equals(spec.drop())) {
					TomcatCustomizations.closeWithoutAnswer(request);
					journaling.recordNow(0);
					return;
				}
				if (spec.status() != null) {
					String message = (spec.message() != null) ? spec.message()
							: "fault " + faultId + " injected by the emulator";
					ErrorEnvelope.send(request, journaling, HttpStatus.valueOf(spec.status()), message);
					return;
				}
			}
			chain.doFilter(request, journaling);
		}
		finally {
			journaling.recordNow(response.getStatus());
		}
	}

	private void record(HttpServletRequest request, ClassifiedRequest classified, Instant time, long start, int status,
			String scope, String faultId) {
		long nanos = System.nanoTime() - start;
		Session session = (Session) request.getAttribute(Session.REQUEST_ATTRIBUTE);
		HttpServletRequest sent = RequestBody.original(request);
		String query = request.getQueryString();
		record(new Entry(time, request.getMethod(), classified.path(), (query != null) ? form(query) : null,
				headers(sent), body(RequestBody.of(request), sent.getContentType()), status, nanos / 1_000_000.0,
				(session != null) ? session.username() : null, scope, faultId));
		this.timers
			.computeIfAbsent(new TimerKey(method(request), route(request, status), status),
					(key) -> this.metrics.timer("http.server.requests", "method", key.method(), "uri", key.uri(),
							"status", Integer.toString(status), "outcome", Outcome.forStatus(status).name()))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	private static Map<String, String> headers(HttpServletRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
			String name = names.nextElement();
			headers.put(name, isSecretHeader(name) ? REDACTED : joined(request.getHeaders(name)));
		}
		return headers;
	}

	private static String joined(Enumeration<String> values) {
		String first = values.hasMoreElements() ? values.nextElement() : "";
		if (!values.hasMoreElements()) {
			return first;
		}
		StringJoiner joined = new StringJoiner(", ").add(first);
		values.asIterator().forEachRemaining(joined::add);
		return joined.toString();
	}

	private static boolean isSecretHeader(String name) {
		for (String word : SECRET_HEADER_WORDS) {
			for (int i = 0; i + word.length() <= name.length(); i++) {
				if (name.regionMatches(true, i, word, 0, word.length())) {
					return true;
				}
			}
		}
		return false;
	}

	private String body(byte[] body, String contentType) {
		if (body == null || body.length == 0) {
			return null;
		}
		String trimmed = new String(body, StandardCharsets.UTF_8).strip();
		String redacted;
		if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
			redacted = json(trimmed, body.length);
		}
		else if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form")) {
			redacted = form(trimmed);
		}
		else {
			redacted = "[" + body.length + " bytes]";
		}
		return (redacted.length() > MAX_BODY_CHARS) ? redacted.substring(0, MAX_BODY_CHARS) + "…" : redacted;
	}

	private String json(String text, int length) {
		try {
			JsonNode node = this.jsonMapper.readTree(text);
			redact(node);
			return this.jsonMapper.writeValueAsString(node);
		}
		catch (JacksonException ex) {
			// Unreadable JSON may still hold a secret: keep only its size.
			return "[" + length + " bytes, not valid JSON]";
		}
	}

	private static void redact(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : Set.copyOf(object.propertyNames())) {
				if (SECRET_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
					object.put(name, REDACTED);
				}
				else {
					redact(object.get(name));
				}
			}
		}
		else if (node != null && node.isArray()) {
			node.forEach(TrafficFilter::redact);
		}
	}

	private static String form(String form) {
		StringJoiner joined = new StringJoiner("&");
		for (String pair : form.split("&")) {
			boolean secret = pair.indexOf('=') >= 0
					&& SECRET_FIELDS.contains(RequestBody.fieldName(pair).toLowerCase(Locale.ROOT));
			joined.add(secret ? pair.substring(0, pair.indexOf('=')) + "=" + REDACTED : pair);
		}
		return joined.toString();
	}

	private record TimerKey(String method, String uri, int status) {
	}

	/**
	 * The method, when HTTP defines it: a client may send any token as a method, and each
	 * would be a new series.
	 */
	private static String method(HttpServletRequest request) {
		String method = request.getMethod();
		return KNOWN_METHODS.contains(method) ? method : "UNKNOWN";
	}

	/** The route that answered, never the path itself: a bounded set of metric tags. */
	private static String route(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern != null) {
			return pattern.toString();
		}
		return (status == HttpServletResponse.SC_NOT_FOUND) ? "NOT_FOUND" : "UNKNOWN";
	}

	/**
	 * Writes the journal entry once: when an error is sent, when the answer's body is
	 * about to be written (its status and headers are set by then), when it is flushed,
	 * or at the end for a request that got no answer.
	 */
	private static final class JournalingResponse extends HttpServletResponseWrapper {

		private final IntConsumer recorder;

		private boolean recorded;

		JournalingResponse(HttpServletResponse response, IntConsumer recorder) {
			super(response);
			this.recorder = recorder;
		}

		@Override
		public void sendError(int sc) throws IOException {
			recordNow(sc);
			super.sendError(sc);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			recordNow(sc);
			super.sendError(sc, msg);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			recordNow(HttpServletResponse.SC_FOUND);
			super.sendRedirect(location);
		}

		@Override
		public void flushBuffer() throws IOException {
			recordNow(getStatus());
			super.flushBuffer();
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			recordNow(getStatus());
			return super.getOutputStream();
		}

		void recordNow(int status) {
			if (!this.recorded) {
				this.recorded = true;
				this.recorder.accept(status);
			}
		}

	}

	/**
	 * One request as the journal keeps it, secrets redacted.
	 *
	 * @param time when the request arrived, on the emulator's clock
	 * @param method the HTTP method
	 * @param path the request path
	 * @param query the query string, secrets redacted, or null
	 * @param headers the request headers, cookies and credentials redacted
	 * @param body the request body (JSON or form, secrets redacted; at most 2 KiB), or
	 * null
	 * @param status the answer's status; 0 when the connection was dropped
	 * @param durationMs the time spent answering, in milliseconds
	 * @param user the signed-in user, or null
	 * @param scope the {@code X-Emulator-Scope} header, or null
	 * @param fault the id of the fault applied, or null
	 */
	record Entry(Instant time, String method, String path, String query, Map<String, String> headers, String body,
			int status, double durationMs, String user, String scope, String fault) {
	}

	/**
	 * Which entries to list, or which requests a fault hits: each criterion that is set
	 * must hold.
	 *
	 * @param method the HTTP method, in upper case, or null
	 * @param route a route or path pattern ({@code /login}, {@code /system/**}), or null
	 * @param scope the scope header's value, or null
	 * @param since only entries at or after this instant, or null
	 */
	record Match(String method, PathPattern route, String scope, Instant since) implements Predicate<Entry> {

		static final Match ALL = new Match(null, null, null, null);

		/** A capture with a regular expression: {@code {name:regex}}. */
		private static final Pattern REGEX_CAPTURE = Pattern.compile("\\{[^}]*:");

		/**
		 * A match as a client writes it: any method case; the path a route below the API
		 * base ({@code /login}, matching all three base paths) or a full path, in
		 * Spring's path pattern syntax ({@code /system/**},
		 * {@code /system/port/{protocol}/*}) without regular expressions.
		 * @throws ApiException 400 when the path is not such a pattern
		 */
		static Match of(String method, String path, String scope, Instant since) {
			return new Match((method != null) ? method.toUpperCase(Locale.ROOT) : null,
					(path != null) ? route(path) : null, scope, since);
		}

		private static PathPattern route(String pattern) {
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

		@Override
		public boolean test(Entry entry) {
			return (this.since == null || !entry.time().isBefore(this.since)) && matches(entry.method(),
					(this.route != null) ? ClassifiedRequest.ofPath(entry.path()) : null, entry.scope());
		}

		/** Whether a request passes, on the decoded path the router uses. */
		boolean matches(String method, ClassifiedRequest request, String scope) {
			return (this.method == null || this.method.equals(method))
					&& (this.scope == null || this.scope.equals(scope))
					&& (this.route == null || this.route.matches(PathContainer.parsePath(request.path()))
							|| (request.surface() == ClassifiedRequest.Surface.API
									&& this.route.matches(PathContainer.parsePath(request.route()))));
		}

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
	private static final class Fault {

		final String id;

		final FaultSpec spec;

		private final Match match;

		private final Random random;

		private int seen;

		private int applied;

		private Fault(String id, FaultSpec spec) {
			this.id = id;
			this.spec = spec;
			this.match = Match.of(spec.method(), spec.path(), spec.scope(), null);
			this.random = (spec.seed() != null) ? new Random(spec.seed()) : new Random();
		}

		/** Whether this fault hits the request; counts the call when it matches. */
		synchronized boolean hits(String method, ClassifiedRequest request, String scope) {
			if (!this.match.matches(method, request, scope)
					|| (this.spec.times() != null && this.applied >= this.spec.times())) {
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

	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
