package dev.csemu.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies as Container Station reads them.
 * <ul>
 * <li>Two Content-Type headers that disagree are refused with 400.</li>
 * <li>Bodies over {@value #MAX_BODY_BYTES} bytes are refused with 413, whether announced
 * by Content-Length or sent chunked. No API body comes near that size.</li>
 * <li>A form-typed body that holds JSON (what {@code curl -d '{...}'} sends, as in the
 * vendor's examples) is passed on as JSON, byte for byte. Left to the servlet container
 * it would be parsed as form fields and mangled ({@code +}, {@code &} and {@code =}
 * inside strings).</li>
 * <li>A real form body ({@code username=admin&password=admin}) is parsed here into
 * request parameters, beside those of the query string.</li>
 * </ul>
 */
class RequestBodyFilter extends OncePerRequestFilter {

	/** 64 KiB. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	private final ErrorWriter errorWriter;

	RequestBodyFilter(ErrorWriter errorWriter) {
		this.errorWriter = errorWriter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (hasConflictingContentTypes(request)) {
			this.errorWriter.write(response, HttpStatus.BAD_REQUEST, "conflicting Content-Type headers");
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > MAX_BODY_BYTES) {
			tooLarge(response);
			return;
		}
		boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
		if (declared <= 0 && !chunked) {
			chain.doFilter(request, response);
			return;
		}
		boolean form = isForm(request.getContentType());
		if (!form && !chunked) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			tooLarge(response);
			return;
		}
		BufferedBodyRequest buffered;
		try {
			if (form && looksLikeJson(body)) {
				buffered = new BufferedBodyRequest(request, body, MediaType.APPLICATION_JSON_VALUE, Map.of());
			}
			else if (form) {
				buffered = new BufferedBodyRequest(request, body, request.getContentType(), parseForm(body));
			}
			else {
				buffered = new BufferedBodyRequest(request, body, request.getContentType(), Map.of());
			}
		}
		catch (InvalidParameterException ex) {
			// The query string cannot be decoded. Answered here: thrown on, it would
			// reach
			// the container, which answers 400 while the filters outside saw a 500.
			this.errorWriter.write(response, HttpStatus.BAD_REQUEST, "malformed query string or form body");
			return;
		}
		chain.doFilter(buffered, response);
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		// The rest of the body is not read: close the connection rather than drain it.
		response.setHeader("Connection", "close");
		this.errorWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "request body is larger than 64 KiB");
	}

	/**
	 * Whether the request carries two Content-Type headers that disagree: which one
	 * describes the body would be a guess.
	 */
	private static boolean hasConflictingContentTypes(HttpServletRequest request) {
		Enumeration<String> types = request.getHeaders("Content-Type");
		if (types == null || !types.hasMoreElements()) {
			return false;
		}
		String first = types.nextElement();
		while (types.hasMoreElements()) {
			if (!first.equalsIgnoreCase(types.nextElement())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isForm(String contentType) {
		return contentType != null && contentType.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
				MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
	}

	static boolean looksLikeJson(byte[] body) {
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

	private static Map<String, List<String>> parseForm(byte[] body) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			try {
				String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				fields.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
			catch (IllegalArgumentException ex) {
				// A malformed escape: the field is dropped, as the servlet container
				// would.
			}
		}
		return fields;
	}

	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private final String contentType;

		private final Map<String, String[]> parameters;

		BufferedBodyRequest(HttpServletRequest request, byte[] body, String contentType,
				Map<String, List<String>> formFields) {
			super(request);
			this.body = body;
			this.contentType = contentType;
			// The body was read here, so the container parses only the query string.
			Map<String, String[]> merged = new LinkedHashMap<>(request.getParameterMap());
			formFields.forEach((name, values) -> merged.merge(name, values.toArray(String[]::new), (query, form) -> {
				String[] all = new String[query.length + form.length];
				System.arraycopy(query, 0, all, 0, query.length);
				System.arraycopy(form, 0, all, query.length, form.length);
				return all;
			}));
			this.parameters = Collections.unmodifiableMap(merged);
		}

		@Override
		public String getContentType() {
			return this.contentType;
		}

		@Override
		public String getHeader(String name) {
			return "Content-Type".equalsIgnoreCase(name) ? this.contentType : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return "Content-Type".equalsIgnoreCase(name)
					? Collections.enumeration((this.contentType != null) ? List.of(this.contentType) : List.of())
					: super.getHeaders(name);
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
		public String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return this.parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return this.parameters.get(name);
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
