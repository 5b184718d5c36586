package dev.csemu.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.StreamUtils;

/**
 * Reads request bodies as JSON whatever their Content-Type, as Container Station does:
 * the vendor's own examples send JSON with {@code curl -d}, that is as
 * {@code application/x-www-form-urlencoded}. A real form body
 * ({@code username=a&password=b}) sent as a form is read as the JSON object of its
 * fields, for older clients.
 */
class CurlJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

	CurlJsonHttpMessageConverter(JsonMapper jsonMapper) {
		super(jsonMapper);
	}

	@Override
	public boolean canRead(ResolvableType type, MediaType mediaType) {
		return super.canRead(type, MediaType.APPLICATION_JSON);
	}

	/**
	 * Reading only: answers are written by the ordinary converters, so that a
	 * {@code byte[]} body stays bytes whatever its content type.
	 */
	@Override
	public boolean canWrite(ResolvableType type, Class<?> clazz, MediaType mediaType) {
		return false;
	}

	@Override
	public Object read(ResolvableType type, HttpInputMessage inputMessage, Map<String, Object> hints)
			throws IOException, HttpMessageNotReadableException {
		byte[] body = StreamUtils.copyToByteArray(inputMessage.getBody());
		checkUtf8(body, inputMessage);
		MediaType contentType = inputMessage.getHeaders().getContentType();
		if (contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(contentType)) {
			// A real form body, rebuilt by Spring from the request parameters.
			body = formToJson(body, inputMessage);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return super.read(type, new BufferedJsonMessage(body, headers), hints);
	}

	/**
	 * JSON bodies are UTF-8, strictly: the JSON parser would read an overlong encoding
	 * ({@code C0 AE} for {@code .}) as the character it disguises, so that
	 * {@code "adm\xC1\xA9n"} signed in as {@code admin}.
	 */
	private static void checkUtf8(byte[] body, HttpInputMessage inputMessage) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
		}
		catch (CharacterCodingException ex) {
			throw new HttpMessageNotReadableException("request body is not valid UTF-8", ex, inputMessage);
		}
	}

	private byte[] formToJson(byte[] body, HttpInputMessage inputMessage) {
		ObjectNode fields = getMapper().createObjectNode();
		String form = new String(body, StandardCharsets.UTF_8);
		try {
			for (String pair : form.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				fields.put(name, value);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new HttpMessageNotReadableException("malformed form body", ex, inputMessage);
		}
		return getMapper().writeValueAsBytes(fields);
	}

	private record BufferedJsonMessage(byte[] content, HttpHeaders headers) implements HttpInputMessage {

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.content);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
