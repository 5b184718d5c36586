package dev.csemu.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error report (requests refused before they reach the application,
 * such as a path that climbs above the root) in the vendor's envelope instead of an HTML
 * page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String message;
		if (status == 404) {
			message = "not found";
		}
		else if (status == 400) {
			message = "bad request";
		}
		else if (status == 405 || status == 413) {
			message = "request refused";
		}
		else if (status < 500 || status == 501 || status == 505) {
			// Tomcat refusing what the client sent with a status the API does not use
			// (417 for an unknown Expect, 501 for a transfer coding or a method such as
			// CONNECT it does not implement, 505 for an HTTP version other than 1.x): the
			// client's fault, so the 400 every other refusal of client input gets.
			HttpStatus refused = HttpStatus.resolve(status);
			message = "bad request: "
					+ ((refused != null) ? refused.getReasonPhrase().toLowerCase(Locale.ROOT) : "refused");
			status = 400;
			response.setStatus(status);
		}
		else {
			message = "internal error";
		}
		String body = String.format(Locale.ROOT, "{\"error\":{\"code\":%d,\"message\":\"%s\"}}", status, message);
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone; nothing left to tell it.
		}
	}

}
