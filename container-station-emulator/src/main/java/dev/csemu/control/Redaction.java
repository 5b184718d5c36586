package dev.csemu.control;

import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import dev.csemu.web.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the journal must never keep: passwords, sids, TOTP codes, cookies and credentials.
 */
final class Redaction {

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

	private final JsonMapper jsonMapper;

	Redaction(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	Map<String, String> headers(HttpServletRequest request) {
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

	static boolean isSecretHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (String word : SECRET_HEADER_WORDS) {
			if (lower.contains(word)) {
				return true;
			}
		}
		return false;
	}

	String query(String query) {
		return (query != null) ? form(query) : null;
	}

	String body(byte[] body, String contentType) {
		if (body == null || body.length == 0) {
			return null;
		}
		String text = new String(body, StandardCharsets.UTF_8);
		String trimmed = text.strip();
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
			node.forEach(Redaction::redact);
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

}
