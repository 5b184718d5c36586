package dev.csemu.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one reader of request bodies, as Container Station reads them: JSON whatever the
 * Content-Type says; and, for those who record traffic, the body as its client sent it.
 * <ul>
 * <li>A body is read whole, at most {@value #MAX_BODY_BYTES} bytes (413 beyond, whether
 * announced or chunked), and must be strict UTF-8: the JSON parser would read an overlong
 * encoding ({@code C0 AE} for {@code .}) as the character it disguises.</li>
 * <li>Reading a body holds one of the container's threads; a client that dribbles its
 * body a byte at a time would hold it for as long as it likes, and 200 such clients would
 * hold them all. So a body must arrive whole within a deadline (each read also waits at
 * most the connector's connection timeout), and only so many bodies are read at once:
 * beyond, the request is answered 503 at once, and threads stay free for everything
 * else.</li>
 * <li>A form-typed body that holds JSON (what {@code curl -d '{...}'} sends, as in the
 * vendor's examples) is passed on as JSON, byte for byte.</li>
 * <li>A real form body ({@code username=admin&password=admin}) becomes request parameters
 * (for QTS's {@code authLogin.cgi}) and the JSON object of its fields (for older API
 * clients).</li>
 * <li>Two Content-Type headers that disagree are a 400: which one describes the body
 * would be a guess. So is a multipart body: no route takes one.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public final class RequestBody extends OncePerRequestFilter {

	/** 64 KiB. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	/**
	 * Bodies read at once, each whole within {@link #DEADLINE_NANOS}: the other threads
	 * of the connector's 200 stay free for everything else.
	 */
	private static final int MAX_CONCURRENT_READS = 64;

	private static final long DEADLINE_NANOS = Duration.ofSeconds(10).toNanos();

	private static final String BODY_ATTRIBUTE = RequestBody.class.getName() + ".body";

	private final Semaphore readers = new Semaphore(MAX_CONCURRENT_READS);

	private final JsonMapper jsonMapper;

	RequestBody(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/** The raw body this reader read, or null when there was none or it was refused. */
	public static byte[] of(HttpServletRequest request) {
		return (byte[]) request.getAttribute(BODY_ATTRIBUTE);
	}

	/**
	 * The request as its client sent it: this reader labels every body it read as JSON
	 * for Spring MVC.
	 */
	public static HttpServletRequest original(HttpServletRequest request) {
		return (request instanceof BufferedBodyRequest buffered) ? (HttpServletRequest) buffered.getRequest() : request;
	}

	/**
	 * The decoded name of one encoded {@code name=value} pair of a form or query string,
	 * or the raw name when it does not decode.
	 */
	public static String fieldName(String pair) {
		int eq = pair.indexOf('=');
		String raw = (eq < 0) ? pair : pair.substring(0, eq);
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return raw;
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (hasConflictingContentTypes(request)) {
			ErrorEnvelope.send(request, response, HttpStatus.BAD_REQUEST, "conflicting Content-Type headers");
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, 10)) {
			// No route takes files: QTS's sign-in reads a query string or a form, the API
			// JSON.
			ErrorEnvelope.send(request, response, HttpStatus.BAD_REQUEST,
					"multipart bodies are not accepted: send JSON or a form");
			return;
		}
		long declared = request.getContentLengthLong();
		boolean chunked = declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		if (declared <= 0 && !chunked) {
			// No body: a write without one is told "request body is required", whatever
			// it was labelled.
			chain.doFilter(
					mayHaveBody(request.getMethod()) ? new BufferedBodyRequest(request, new byte[0], null) : request,
					response);
			return;
		}
		if (declared > MAX_BODY_BYTES) {
			refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, null);
			return;
		}
		if (!this.readers.tryAcquire()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "too many request bodies in progress; try again");
			return;
		}
		byte[] body;
		try {
			body = read(request.getInputStream());
		}
		catch (IOException ex) {
			// Too slow (our deadline or the connector's read timeout) or cut short.
			refuse(request, response, HttpStatus.REQUEST_TIMEOUT, "request body not received in time or incomplete");
			return;
		}
		finally {
			this.readers.release();
		}
		if (body.length > MAX_BODY_BYTES) {
			refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, null);
			return;
		}
		request.setAttribute(BODY_ATTRIBUTE, body);
		if (!isUtf8(body)) {
			ErrorEnvelope.send(request, response, HttpStatus.BAD_REQUEST, "request body is not valid UTF-8");
			return;
		}
		BufferedBodyRequest buffered;
		try {
			buffered = isRealForm(request.getContentType(), body) ? formRequest(request, body)
					: new BufferedBodyRequest(request, body, null);
		}
		catch (IllegalArgumentException | InvalidParameterException ex) {
			// A malformed escape in the form, or in the query string beside it.
			ErrorEnvelope.send(request, response, HttpStatus.BAD_REQUEST, "malformed query string or form body");
			return;
		}
		chain.doFilter(buffered, response);
	}

	private BufferedBodyRequest formRequest(HttpServletRequest request, byte[] body) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
			if (!pair.isEmpty()) {
				// A field without "=" has the empty value.
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				fields.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
			}
		}
		ObjectNode json = this.jsonMapper.createObjectNode();
		fields.forEach((name, values) -> json.put(name, values.get(values.size() - 1)));
		// The body was read here, so the container parses only the query string.
		Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
		fields.forEach((name, values) -> parameters.merge(name, values.toArray(String[]::new),
				(query, form) -> Stream.concat(Arrays.stream(query), Arrays.stream(form)).toArray(String[]::new)));
		return new BufferedBodyRequest(request, this.jsonMapper.writeValueAsBytes(json),
				Collections.unmodifiableMap(parameters));
	}

	private static boolean mayHaveBody(String method) {
		return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
	}

	/**
	 * Reads a body, at most one byte more than allowed, within the deadline.
	 * @throws IOException when the client went away or the body did not arrive in time
	 */
	private static byte[] read(InputStream in) throws IOException {
		long start = System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
		byte[] buffer = new byte[8192];
		int left = MAX_BODY_BYTES + 1;
		for (int read; left > 0 && (read = in.read(buffer, 0, Math.min(buffer.length, left))) >= 0; left -= read) {
			body.write(buffer, 0, read);
			if (System.nanoTime() - start > DEADLINE_NANOS) {
				throw new IOException("request body not received in time");
			}
		}
		return body.toByteArray();
	}

	/**
	 * Refuses a request whose body is not read to its end: the connection is closed
	 * rather than drained.
	 */
	private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String message) throws IOException {
		TomcatCustomizations.abandonBody(request);
		response.setHeader(HttpHeaders.CONNECTION, "close");
		ErrorEnvelope.send(request, response, status, message);
	}

	private static boolean hasConflictingContentTypes(HttpServletRequest request) {
		Enumeration<String> types = request.getHeaders(HttpHeaders.CONTENT_TYPE);
		String first = (types != null && types.hasMoreElements()) ? types.nextElement() : null;
		while (first != null && types.hasMoreElements()) {
			if (!first.equalsIgnoreCase(types.nextElement())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRealForm(String contentType, byte[] body) {
		return contentType != null && contentType.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
				MediaType.APPLICATION_FORM_URLENCODED_VALUE.length()) && !looksLikeJson(body);
	}

	private static boolean looksLikeJson(byte[] body) {
		for (byte b : body) {
			if (b == '{' || b == '[' || b == '"') {
				return true;
			}
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return false;
	}

	private static boolean isUtf8(byte[] body) {
		try {
			// A new decoder reports what a String would replace.
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * The request with its body read: always labelled JSON, so that Spring MVC's JSON
	 * reader takes it whatever the client called it.
	 */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private final Map<String, String[]> parameters;

		BufferedBodyRequest(HttpServletRequest request, byte[] body, Map<String, String[]> parameters) {
			super(request);
			this.body = body;
			this.parameters = parameters;
		}

		@Override
		public String getContentType() {
			return MediaType.APPLICATION_JSON_VALUE;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? MediaType.APPLICATION_JSON_VALUE
					: super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
					? Collections.enumeration(List.of(MediaType.APPLICATION_JSON_VALUE)) : super.getHeaders(name);
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return (this.parameters != null) ? this.parameters : super.getParameterMap();
		}

		@Override
		public String getParameter(String name) {
			String[] values = getParameterValues(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(getParameterMap().keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return getParameterMap().get(name);
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return false;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

}
