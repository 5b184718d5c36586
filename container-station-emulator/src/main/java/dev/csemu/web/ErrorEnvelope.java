package dev.csemu.web;

import org.springframework.http.HttpStatusCode;

/**
 * The vendor's error body: {@code {"error": {"code": N, "message": "..."}}}.
 *
 * @param error the code and message
 */
public record ErrorEnvelope(Error error) {

	/**
	 * The inner object of the envelope.
	 *
	 * @param code the HTTP status, repeated
	 * @param message a human-readable reason, never a stack trace
	 */
	public record Error(int code, String message) {
	}

	public static ErrorEnvelope of(HttpStatusCode status, String message) {
		return new ErrorEnvelope(new Error(status.value(), message));
	}

}
