package dev.csemu.robustness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 request written out byte for byte. By default it carries
 * {@code Host: 127.0.0.1}, {@code Connection: close} and a {@code Content-Length} that
 * matches its body; a case that needs them missing, doubled or wrong says so. The target
 * and header lines are written as ISO-8859-1, so that {@code \u00ff} stands for the byte
 * {@code 0xFF}.
 */
final class RawRequest {

	private final String method;

	private final String target;

	private final List<String> lines = new ArrayList<>();

	private final List<Header> headers = new ArrayList<>();

	private String contentType;

	private String version = "HTTP/1.1";

	private byte[] body;

	private boolean host = true;

	private boolean contentLength = true;

	private byte[] verbatim;

	private RawRequest(String method, String target) {
		this.method = method;
		this.target = target;
	}

	static RawRequest of(String method, String target) {
		return new RawRequest(method, target);
	}

	/** Bytes sent as they are, which need not be HTTP at all. */
	static RawRequest verbatim(byte[] bytes) {
		RawRequest request = new RawRequest("(bytes)", "(none)");
		request.verbatim = bytes;
		return request;
	}

	boolean isVerbatim() {
		return this.verbatim != null;
	}

	String method() {
		return this.method;
	}

	String target() {
		return this.target;
	}

	RawRequest header(String name, String value) {
		this.lines.add(name + ": " + value);
		this.headers.add(new Header(name, value));
		return this;
	}

	/** A header line as it is, malformed or not. */
	RawRequest line(String line) {
		this.lines.add(line);
		return this;
	}

	RawRequest cookie(String sessionId) {
		return (sessionId != null) ? header("Cookie", "CS_SESS_ID=" + sessionId) : this;
	}

	RawRequest bearer(String token) {
		return header("Authorization", "Bearer " + token);
	}

	RawRequest body(String contentType, byte[] bytes) {
		if (contentType != null) {
			this.lines.add("Content-Type: " + contentType);
			this.contentType = contentType;
		}
		this.body = bytes;
		return this;
	}

	/** JSON as the vendor's curl examples send it: with curl's form content type. */
	RawRequest curlJson(byte[] bytes) {
		return body("application/x-www-form-urlencoded", bytes);
	}

	RawRequest json(byte[] bytes) {
		return body("application/json", bytes);
	}

	RawRequest version(String version) {
		this.version = version;
		return this;
	}

	RawRequest withoutHost() {
		this.host = false;
		return this;
	}

	RawRequest withoutContentLength() {
		this.contentLength = false;
		return this;
	}

	/** The header fields other than Content-Type, for a client library. */
	List<Header> headers() {
		return this.headers;
	}

	String contentType() {
		return this.contentType;
	}

	byte[] body() {
		return this.body;
	}

	byte[] toBytes() {
		if (this.verbatim != null) {
			return this.verbatim.clone();
		}
		StringBuilder head = new StringBuilder();
		head.append(this.method).append(' ').append(this.target).append(' ').append(this.version).append("\r\n");
		if (this.host) {
			head.append("Host: 127.0.0.1\r\n");
		}
		head.append("Connection: close\r\n");
		this.lines.forEach((line) -> head.append(line).append("\r\n"));
		if (this.body != null && this.contentLength) {
			head.append("Content-Length: ").append(this.body.length).append("\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (this.body != null) {
			bytes.writeBytes(this.body);
		}
		return bytes.toByteArray();
	}

	/**
	 * A header field.
	 *
	 * @param name its name
	 * @param value its value
	 */
	record Header(String name, String value) {
	}

}
