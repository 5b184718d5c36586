package dev.csemu.control;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.csemu.web.ClassifiedRequest;
import dev.csemu.web.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.util.pattern.PathPattern;

/**
 * The last {@code capacity} requests, newest first: a bounded ring that can never grow
 * memory without limit. It never keeps passwords, sids, TOTP codes, cookies and
 * credentials.
 */
final class Journal {

	static final String REDACTED = "***";

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

	private final int capacity;

	private final ArrayDeque<Entry> entries;

	private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();

	private final JsonMapper jsonMapper;

	Journal(int capacity, JsonMapper jsonMapper) {
		this.capacity = capacity;
		this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Records a request, secrets redacted.
	 * @param request the request, its body read by the one body reader
	 * @param path the decoded path the router uses
	 * @param time when it arrived
	 * @param status the answer's status; 0 when the connection was dropped
	 * @param durationMs the time spent answering
	 * @param user the signed-in user, or null
	 * @param scope the scope header, or null
	 * @param fault the id of the fault applied, or null
	 */
	void record(HttpServletRequest request, String path, Instant time, int status, double durationMs, String user,
			String scope, String fault) {
		HttpServletRequest sent = RequestBody.original(request);
		String query = request.getQueryString();
		record(new Entry(time, request.getMethod(), path, (query != null) ? form(query) : null, headers(sent),
				body(RequestBody.of(request), sent.getContentType()), status, durationMs, user, scope, fault));
	}

	void record(Entry entry) {
		synchronized (this.entries) {
			if (this.entries.size() == this.capacity) {
				this.entries.removeLast();
			}
			this.entries.addFirst(entry);
		}
		this.listeners.forEach((listener) -> listener.accept(entry));
	}

	/**
	 * Tells a listener of every entry recorded from now on, on the recording thread: it
	 * must return at once.
	 * @param listener the listener
	 */
	void onRecord(Consumer<Entry> listener) {
		this.listeners.add(listener);
	}

	/**
	 * The entries that pass the filter, newest first.
	 * @param filter what to keep
	 * @return a copy
	 */
	List<Entry> find(Filter filter) {
		List<Entry> found = new ArrayList<>();
		synchronized (this.entries) {
			for (Entry entry : this.entries) {
				if (filter.test(entry)) {
					found.add(entry);
				}
			}
		}
		return found;
	}

	void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
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
			node.forEach(Journal::redact);
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
	 * Which entries to list: each criterion that is set must hold.
	 *
	 * @param method the HTTP method, in upper case, or null
	 * @param route a route or path pattern ({@code /login}, {@code /system/**}), or null
	 * @param scope the scope header's value, or null
	 * @param since only entries at or after this instant, or null
	 */
	record Filter(String method, PathPattern route, String scope, Instant since) implements Predicate<Entry> {

		static final Filter ALL = new Filter(null, null, null, null);

		/** A filter as a client writes it: any method case, the route as a pattern. */
		static Filter of(String method, String path, String scope, Instant since) {
			return new Filter((method != null) ? method.toUpperCase(Locale.ROOT) : null,
					(path != null) ? FaultRegistry.route(path) : null, scope, since);
		}

		@Override
		public boolean test(Entry entry) {
			return (this.method == null || this.method.equals(entry.method()))
					&& (this.scope == null || this.scope.equals(entry.scope()))
					&& (this.since == null || !entry.time().isBefore(this.since)) && (this.route == null
							|| FaultRegistry.matches(this.route, ClassifiedRequest.ofPath(entry.path())));
		}

	}

}
