package dev.csemu.control;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection of a request a {@code drop} fault hit, without sending a byte:
 * what a client sees when a NAS goes away mid-request. Only Tomcat itself can do that,
 * hence a valve.
 */
class DropConnectionValve extends ValveBase {

	DropConnectionValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (request.getAttribute(TrafficFilter.DROP_ATTRIBUTE) != null) {
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
		}
	}

}
