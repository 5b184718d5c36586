package dev.csemu.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (errors raised outside Spring MVC), in the vendor's
 * envelope instead of Boot's default body.
 */
@RestController
class EnvelopeErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ErrorEnvelope> error(HttpServletRequest request) {
		HttpStatus status = statusOf(request);
		return ResponseEntity.status(status).body(ErrorEnvelope.of(status, messageFor(status)));
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		// Reached directly, not as an error dispatch: there is no such API route.
		return HttpStatus.NOT_FOUND;
	}

	static String messageFor(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "not found";
			case CONTENT_TOO_LARGE -> "request body is larger than 64 KiB";
			default -> status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
		};
	}

}
