package dev.csemu.web;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The one piece of Tomcat configuration: what only the container can do. Requests it
 * refuses before the application sees them (a path climbing above the root, an HTTP
 * version it does not speak) get the envelope instead of an HTML page, a request marked
 * with {@link #CLOSE_WITHOUT_ANSWER} has its connection closed without a byte, and one
 * marked with {@link #ABANDON_BODY} has the rest of its body left unread; and the HTTPS
 * port, a second connector of the same application (one session store), when
 * {@code emulator.https.port} is set.
 */
@Component
public final class TomcatCustomizations extends ErrorReportValve
		implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private static final String CLOSE_WITHOUT_ANSWER = TomcatCustomizations.class.getName() + ".close";

	private static final String ABANDON_BODY = TomcatCustomizations.class.getName() + ".abandonBody";

	private final JsonMapper jsonMapper;

	private final HttpsProperties https;

	private final InetAddress address;

	private final ObjectProvider<HttpsCertificate> httpsCertificate;

	TomcatCustomizations(JsonMapper jsonMapper, HttpsProperties https, ServerProperties server,
			ObjectProvider<HttpsCertificate> httpsCertificate) {
		this.jsonMapper = jsonMapper;
		this.https = https;
		this.address = server.getAddress();
		this.httpsCertificate = httpsCertificate;
	}

	/**
	 * Last of the customizers: the HTTPS connector copies the settings the others gave
	 * the HTTP connector.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Marks the request so that the rest of its body is not read: its connection is
	 * closed after the answer. Tomcat would otherwise read the body to its end before
	 * closing, holding the thread for as long as a slow client takes to send it.
	 */
	static void abandonBody(HttpServletRequest request) {
		request.setAttribute(ABANDON_BODY, Boolean.TRUE);
	}

	/**
	 * Marks the request so that its connection is closed without an answer, as a NAS that
	 * goes away mid-request does.
	 */
	public static void closeWithoutAnswer(HttpServletRequest request) {
		request.setAttribute(CLOSE_WITHOUT_ANSWER, Boolean.TRUE);
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				// The host adds its error report valve only when none of that class is in
				// its pipeline: this instance, which holds the JSON mapper, takes the
				// place.
				host.setErrorReportValveClass(TomcatCustomizations.class.getName());
				host.getPipeline().addValve(this);
			}
		});
		// Encoded slashes reach the security firewall, which refuses them with the
		// envelope.
		factory.addConnectorCustomizers((connector) -> connector.setEncodedSolidusHandling("passthrough"));
		if (this.https.port() > 0) {
			Connector secure = httpsConnector();
			factory.addAdditionalConnectors(secure);
			// Runs on the HTTP connector after every other customizer: the HTTPS port
			// gets the same timeouts and limits (the slow-client defences).
			factory.addConnectorCustomizers((connector) -> copySettings(connector, secure));
		}
	}

	private Connector httpsConnector() {
		Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		connector.setPort(this.https.port());
		connector.setScheme("https");
		connector.setSecure(true);
		connector.setProperty("SSLEnabled", "true");
		if (this.address != null) {
			connector.setProperty("address", this.address.getHostAddress());
		}
		SSLHostConfig ssl = new SSLHostConfig();
		ssl.setProtocols("TLSv1.2+TLSv1.3");
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl,
				SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setCertificateKeystore(this.httpsCertificate.getObject().keyStore());
		certificate.setCertificateKeyAlias(HttpsCertificate.ALIAS);
		certificate.setCertificateKeyPassword(HttpsCertificate.KEY_PASSWORD);
		ssl.addCertificate(certificate);
		connector.addSslHostConfig(ssl);
		return connector;
	}

	private static void copySettings(Connector from, Connector to) {
		to.setEncodedSolidusHandling(from.getEncodedSolidusHandling());
		to.setURIEncoding(from.getURIEncoding());
		to.setMaxPostSize(from.getMaxPostSize());
		to.setMaxParameterCount(from.getMaxParameterCount());
		if (from.getProtocolHandler() instanceof AbstractHttp11Protocol<?> source
				&& to.getProtocolHandler() instanceof AbstractHttp11Protocol<?> target) {
			target.setConnectionTimeout(source.getConnectionTimeout());
			target.setKeepAliveTimeout(source.getKeepAliveTimeout());
			target.setMaxKeepAliveRequests(source.getMaxKeepAliveRequests());
			target.setMaxHttpRequestHeaderSize(source.getMaxHttpRequestHeaderSize());
			target.setMaxSwallowSize(source.getMaxSwallowSize());
			target.setMaxThreads(source.getMaxThreads());
			target.setMaxConnections(source.getMaxConnections());
		}
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
		super.invoke(request, response);
		if (request.getAttribute(ABANDON_BODY) != null) {
			request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		}
		if (request.getAttribute(CLOSE_WITHOUT_ANSWER) != null) {
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
		}
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatusCode code = HttpStatusCode.valueOf(status);
		String message = null;
		if ((code.is4xxClientError() && status != 400 && status != 404 && status != 405 && status != 413)
				|| status == 501 || status == 505) {
			// A refusal of what the client sent with a status the API does not use (417
			// for an unknown Expect, 501 for a transfer coding or method Tomcat does not
			// implement, 505 for an HTTP version other than 1.x): the 400 every other
			// refusal of client input gets.
			HttpStatus refused = HttpStatus.resolve(status);
			message = "bad request: "
					+ ((refused != null) ? refused.getReasonPhrase().toLowerCase(Locale.ROOT) : "refused");
			code = HttpStatus.BAD_REQUEST;
			response.setStatus(code.value());
		}
		try {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream().write(this.jsonMapper.writeValueAsBytes(ErrorEnvelope.of(code, message)));
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone; nothing left to tell it.
		}
	}

}
