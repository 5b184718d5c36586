package dev.csemu.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

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
		String message = (status == 404) ? "not found" : "bad request";
		if (status == 501 || status == 505) {
			// Tomcat refusing what the client sent (a transfer coding or a method such as
			// CONNECT it does not implement, an HTTP version other than 1.x): the
			// client's
			// fault, so a 4xx like every other refusal of client input.
			message = (status == 505) ? "bad request: HTTP version not supported"
					: "bad request: method or transfer coding not supported";
			status = 400;
			response.setStatus(status);
		}
		else if (status >= 500) {
			message = "internal error";
		}
		else if (status != 404 && status != 400) {
			message = "request refused";
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
