package dev.csemu.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes the vendor's error envelope straight to a servlet response: for filters, the
 * security layer and the servlet error page, which run outside Spring MVC's advice.
 */
@Component
public class ErrorWriter {

	private final JsonMapper jsonMapper;

	ErrorWriter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Replaces whatever the response held with an error envelope.
	 * @param response the response, not yet committed
	 * @param status the HTTP status, also the envelope's code
	 * @param message the reason, shown to the client
	 * @throws IOException when the client went away
	 */
	public void write(HttpServletResponse response, HttpStatusCode status, String message) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		byte[] body = toJson(status, message);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/**
	 * The envelope as JSON bytes.
	 * @param status the HTTP status, also the envelope's code
	 * @param message the reason
	 * @return UTF-8 JSON
	 */
	public byte[] toJson(HttpStatusCode status, String message) {
		return this.jsonMapper.writeValueAsBytes(ErrorEnvelope.of(status, message));
	}

}
