package dev.csemu.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet error page: renders every error sent outside Spring MVC (by a filter, the
 * security chains or the container) as the envelope.
 */
@RestController
class EnvelopeErrorController implements ErrorController {

	private final JsonMapper jsonMapper;

	EnvelopeErrorController(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The envelope with its length: an error often ends a connection whose request was
	 * not read to its end, and the client must not have to wait for the close.
	 */
	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<byte[]> error(HttpServletRequest request) {
		HttpStatusCode status = statusOf(request);
		Object message = request.getAttribute(ErrorEnvelope.MESSAGE_ATTRIBUTE);
		byte[] body = this.jsonMapper
			.writeValueAsBytes(ErrorEnvelope.of(status, (message instanceof String text) ? text : null));
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.contentLength(body.length)
			.body(body);
	}

	private static HttpStatusCode statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value && value >= 400 && value <= 599) {
			return HttpStatusCode.valueOf(value);
		}
		// Reached directly, not as an error dispatch: there is no such route.
		return HttpStatus.NOT_FOUND;
	}

}
