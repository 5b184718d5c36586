package dev.csemu.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where Spring MVC failures become the vendor's envelope.
 */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ErrorEnvelope> apiException(ApiException ex) {
		return envelope(ex.status(), ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorEnvelope> unreadableBody(HttpMessageNotReadableException ex) {
		String message = ex.getMessage();
		if (message != null && message.startsWith("Required request body is missing")) {
			return envelope(HttpStatus.BAD_REQUEST, "request body is required");
		}
		return envelope(HttpStatus.BAD_REQUEST, "request body is not valid JSON of the expected shape");
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingRequestValueException.class,
			HandlerMethodValidationException.class })
	ResponseEntity<ErrorEnvelope> badArgument(Exception ex) {
		return envelope(HttpStatus.BAD_REQUEST, "invalid request parameter");
	}

	/**
	 * Parameters Tomcat cannot decode (a bad {@code %} escape or invalid UTF-8 in the
	 * query string or a form body) and multipart bodies it cannot parse: the client's
	 * fault, raised only when a handler reads its parameters.
	 */
	@ExceptionHandler({ InvalidParameterException.class, MultipartException.class })
	ResponseEntity<ErrorEnvelope> malformedParameters(RuntimeException ex) {
		return envelope(HttpStatus.BAD_REQUEST, "malformed query string or form body");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorEnvelope> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		HttpHeaders headers = new HttpHeaders();
		if (ex.getSupportedHttpMethods() != null) {
			headers.setAllow(ex.getSupportedHttpMethods());
		}
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.headers(headers)
			.body(ErrorEnvelope.of(HttpStatus.METHOD_NOT_ALLOWED, "method " + ex.getMethod() + " is not allowed here"));
	}

	@ExceptionHandler(HttpMediaTypeException.class)
	ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeException ex) {
		return envelope(HttpStatus.BAD_REQUEST, "unsupported media type");
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorEnvelope> notFound(NoResourceFoundException ex) {
		return envelope(HttpStatus.NOT_FOUND, "not found");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorEnvelope> unexpected(Exception ex) {
		if (ex instanceof org.springframework.web.ErrorResponse errorResponse
				&& errorResponse.getStatusCode().is4xxClientError()) {
			String detail = errorResponse.getBody().getDetail();
			return envelope(errorResponse.getStatusCode(), StringUtils.hasText(detail) ? detail : "bad request");
		}
		logger.error("Unexpected failure", ex);
		return envelope(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
	}

	private static ResponseEntity<ErrorEnvelope> envelope(HttpStatusCode status, String message) {
		return ResponseEntity.status(status).body(ErrorEnvelope.of(status, message));
	}

}
