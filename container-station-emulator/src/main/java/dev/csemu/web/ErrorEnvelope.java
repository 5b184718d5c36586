package dev.csemu.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StringUtils;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The vendor's error body, {@code {"error": {"code": N, "message": "..."}}}, the one
 * table of default messages, and the one place that renders it for the application.
 * Filters and security handlers do not write it themselves: they call {@link #send} and
 * the servlet error page renders it.
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
	 * @param message the reason shown to the client, or null for the table's
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

	private static String messageFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return status.is4xxClientError() ? "bad request" : "internal error";
		}
		return switch (known) {
			case CONTENT_TOO_LARGE -> "request body is larger than 64 KiB";
			case INTERNAL_SERVER_ERROR -> "internal error";
			default -> known.getReasonPhrase().toLowerCase(Locale.ROOT);
		};
	}

	/**
	 * Spring MVC's failures as the envelope, and the servlet error page that renders
	 * every error sent outside Spring MVC (by a filter, the security chains or the
	 * container).
	 */
	@RestController
	@RestControllerAdvice
	static class Renderer implements ErrorController {

		private static final Logger logger = LoggerFactory.getLogger(ErrorEnvelope.class);

		private final JsonMapper jsonMapper;

		Renderer(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
		}

		/**
		 * The envelope with its length: an error often ends a connection whose request
		 * was not read to its end, and the client must not have to wait for the close.
		 */
		@RequestMapping("${server.error.path:/error}")
		ResponseEntity<byte[]> error(HttpServletRequest request) {
			Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			// Reached directly, not as an error dispatch: there is no such route.
			HttpStatusCode status = (code instanceof Integer value && value >= 400 && value <= 599)
					? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
			Object message = request.getAttribute(MESSAGE_ATTRIBUTE);
			byte[] body = this.jsonMapper.writeValueAsBytes(of(status, (message instanceof String text) ? text : null));
			return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_JSON)
				.contentLength(body.length)
				.body(body);
		}

		@ExceptionHandler
		ResponseEntity<ErrorEnvelope> failure(Exception ex) {
			if (ex instanceof ApiException api) {
				return envelope(api.status(), api.getMessage());
			}
			if (ex instanceof HttpMessageNotReadableException) {
				return envelope(HttpStatus.BAD_REQUEST,
						(ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing"))
								? "request body is required" : "request body is not valid JSON of the expected shape");
			}
			if (ex instanceof MethodArgumentTypeMismatchException || ex instanceof MissingRequestValueException
					|| ex instanceof HandlerMethodValidationException) {
				return envelope(HttpStatus.BAD_REQUEST, "invalid request parameter");
			}
			if (ex instanceof InvalidParameterException || ex instanceof MultipartException) {
				// Parameters Tomcat cannot decode (a bad % escape or invalid UTF-8 in the
				// query string or a form body) and multipart bodies it cannot parse: the
				// client's fault, raised only when a handler reads its parameters.
				return envelope(HttpStatus.BAD_REQUEST, "malformed query string or form body");
			}
			if (ex instanceof HttpRequestMethodNotSupportedException notAllowed) {
				HttpHeaders headers = new HttpHeaders();
				if (notAllowed.getSupportedHttpMethods() != null) {
					headers.setAllow(notAllowed.getSupportedHttpMethods());
				}
				return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
					.headers(headers)
					.body(of(HttpStatus.METHOD_NOT_ALLOWED,
							"method " + notAllowed.getMethod() + " is not allowed here"));
			}
			if (ex instanceof HttpMediaTypeException) {
				return envelope(HttpStatus.BAD_REQUEST, "unsupported media type");
			}
			if (ex instanceof NoResourceFoundException) {
				return envelope(HttpStatus.NOT_FOUND, "not found");
			}
			if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
				String detail = response.getBody().getDetail();
				return envelope(response.getStatusCode(), StringUtils.hasText(detail) ? detail : "bad request");
			}
			if (ex instanceof AsyncRequestNotUsableException
					|| DisconnectedClientHelper.isClientDisconnectedException(ex)) {
				// The client has gone: nobody to answer, and no failure of the
				// emulator's.
				logger.debug("Client gone: {}", ex.toString());
				return null;
			}
			logger.error("Unexpected failure", ex);
			return envelope(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
		}

		private static ResponseEntity<ErrorEnvelope> envelope(HttpStatusCode status, String message) {
			return ResponseEntity.status(status).body(of(status, message));
		}

	}

}
