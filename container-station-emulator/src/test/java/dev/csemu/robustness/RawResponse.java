package dev.csemu.robustness;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An answer read off a raw socket.
 *
 * @param status the status code of the status line
 * @param headers the header fields by lower-case name, in order
 * @param body the body, de-chunked
 */
record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

	String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	String contentType() {
		return header("Content-Type");
	}

	String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		String text = bodyText();
		return this.status + " " + this.headers + " " + ((text.length() > 300) ? text.substring(0, 300) + "..." : text);
	}

}
