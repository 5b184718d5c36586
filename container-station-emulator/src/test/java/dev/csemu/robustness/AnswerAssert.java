package dev.csemu.robustness;

import java.util.Set;

import org.assertj.core.api.AbstractAssert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions on an answer read off the wire: the vendor's error envelope, and nothing a
 * client must never see.
 */
final class AnswerAssert extends AbstractAssert<AnswerAssert, RawResponse> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AnswerAssert(RawResponse actual) {
		super(actual, AnswerAssert.class);
	}

	static AnswerAssert assertThatAnswer(RawResponse actual) {
		return new AnswerAssert(actual);
	}

	/**
	 * A 4xx whose body is exactly {@code {"error": {"code": <status>, "message": "..."}}}
	 * as {@code application/json}, with no trace of a stack.
	 * @return this
	 */
	AnswerAssert isClientErrorEnvelope() {
		isNotNull();
		int status = this.actual.status();
		if (status < 400 || status > 499) {
			failWithMessage("Expected a 4xx but got %s", this.actual);
		}
		String contentType = this.actual.contentType();
		if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
			failWithMessage("Expected application/json but got Content-Type %s: %s", contentType, this.actual);
		}
		String text = this.actual.bodyText();
		for (String trace : new String[] { "Exception", "\tat ", "at org.", "at java.", "at dev.csemu" }) {
			if (text.contains(trace)) {
				failWithMessage("The body holds a stack trace (%s): %s", trace, this.actual);
			}
		}
		JsonNode body;
		try {
			body = JSON.readTree(this.actual.body());
		}
		catch (JacksonException ex) {
			failWithMessage("The body is not JSON: %s", this.actual);
			return this;
		}
		JsonNode error = body.path("error");
		if (!body.isObject() || body.size() != 1 || !error.isObject() || error.size() != 2
				|| !error.path("code").isIntegralNumber() || !error.path("message").isString()
				|| error.path("message").stringValue().isBlank()) {
			failWithMessage("Expected {\"error\": {\"code\": N, \"message\": \"...\"}} but got %s", this.actual);
		}
		if (error.path("code").asInt() != status) {
			failWithMessage("error.code %s is not the status %s", error.path("code").asInt(), status);
		}
		return this;
	}

	/**
	 * The status is one of these; any when the set is empty.
	 * @param statuses the expected statuses
	 * @return this
	 */
	AnswerAssert hasStatusIn(Set<Integer> statuses) {
		isNotNull();
		if (!statuses.isEmpty() && !statuses.contains(this.actual.status())) {
			failWithMessage("Expected a status in %s but got %s", statuses, this.actual);
		}
		return this;
	}

}
