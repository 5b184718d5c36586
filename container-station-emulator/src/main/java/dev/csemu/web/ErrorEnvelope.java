package dev.csemu.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The vendor's error body, {@code {"error": {"code": N, "message": "..."}}}, and the one
 * table of default messages. Filters and security handlers do not write it themselves:
 * they call {@link #send} and the servlet error page renders it.
 *
 * @param error the code and message
 */
public record ErrorEnvelope(Error error) {

	/** The request attribute carrying the message of an error sent with {@link #send}. */
	static final String MESSAGE_ATTRIBUTE = ErrorEnvelope.class.getName() + ".message";

	/**
	 * The inner object of the envelope.
	 *
	 * @param code the HTTP status, repeated
	 * @param message a human-readable reason, never a stack trace
	 */
	public record Error(int code, String message) {
	}

	public static ErrorEnvelope of(HttpStatusCode status, String message) {
		return new ErrorEnvelope(new Error(status.value(), (message != null) ? message : messageFor(status)));
	}

	/**
	 * Ends the request with an error that the error page renders as the envelope: for
	 * filters and security handlers, which run outside Spring MVC's advice.
	 * @param request the request
	 * @param response the response, not yet committed
	 * @param status the HTTP status, also the envelope's code
	 * @param message the reason shown to the client
	 * @throws IOException when the client went away
	 */
	public static void send(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
			String message) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		request.setAttribute(MESSAGE_ATTRIBUTE, message);
		response.sendError(status.value());
	}

	/**
	 * The message of an error nobody described.
	 * @param status the status
	 * @return a short lower-case reason
	 */
	public static String messageFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return status.is4xxClientError() ? "bad request" : "internal error";
		}
		return switch (known) {
			case BAD_REQUEST -> "bad request";
			case NOT_FOUND -> "not found";
			case CONTENT_TOO_LARGE -> "request body is larger than 64 KiB";
			case INTERNAL_SERVER_ERROR -> "internal error";
			default -> known.getReasonPhrase().toLowerCase(Locale.ROOT);
		};
	}

}
