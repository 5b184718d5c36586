package dev.csemu.robustness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain loopback socket: the request goes out byte for byte as given (no
 * client library normalises a path, refuses a header or fixes a length), and the answer
 * is read back with just enough parsing to tell status, headers and body.
 */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends the bytes and reads one answer (interim 1xx answers skipped).
	 * @param request the whole request
	 * @return the answer
	 * @throws AssertionError when no complete answer arrives within 10 s
	 */
	RawResponse send(byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			// Written on its own thread: the server may answer (413) before it has read a
			// large body, and a blocked write must not keep the answer from being read.
			Thread writer = new Thread(() -> write(socket, request), "raw-http-writer");
			writer.setDaemon(true);
			writer.start();
			RawResponse response = read(socket.getInputStream());
			writer.join(TIMEOUT_MILLIS);
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void write(Socket socket, byte[] request) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
		}
		catch (IOException ex) {
			// The server answered and closed before reading everything: its answer
			// counts.
		}
	}

	private static RawResponse read(InputStream in) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[16 * 1024];
		while (true) {
			int n;
			try {
				n = in.read(buffer);
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("no complete answer within " + TIMEOUT_MILLIS + " ms; received: "
						+ new String(received.toByteArray(), StandardCharsets.ISO_8859_1));
			}
			catch (IOException ex) {
				// Reset after the answer: parse what arrived.
				n = -1;
			}
			if (n < 0) {
				RawResponse response = parse(received.toByteArray(), true);
				if (response == null) {
					throw new AssertionError("the connection closed without a complete answer; received: "
							+ new String(received.toByteArray(), StandardCharsets.ISO_8859_1));
				}
				return response;
			}
			received.write(buffer, 0, n);
			RawResponse response = parse(received.toByteArray(), false);
			if (response != null) {
				return response;
			}
		}
	}

	/**
	 * Parses one answer.
	 * @param bytes what arrived so far
	 * @param closed whether the connection is closed (a body without length ends there)
	 * @return the answer, or null while it is incomplete
	 */
	static RawResponse parse(byte[] bytes, boolean closed) {
		int start = 0;
		while (true) {
			int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
			if (end < 0) {
				return null;
			}
			String head = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
			String[] lines = head.split("\r\n");
			String[] statusLine = lines[0].split(" ", 3);
			if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
				throw new AssertionError("not an HTTP answer: " + head);
			}
			int status = Integer.parseInt(statusLine[1]);
			int bodyStart = end + 4;
			if (status >= 100 && status < 200) {
				start = bodyStart;
				continue;
			}
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers
						.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
								(name) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).trim());
				}
			}
			byte[] body = body(bytes, bodyStart, headers, closed);
			return (body != null) ? new RawResponse(status, headers, body) : null;
		}
	}

	private static byte[] body(byte[] bytes, int start, Map<String, List<String>> headers, boolean closed) {
		List<String> encoding = headers.get("transfer-encoding");
		if (encoding != null && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
			return dechunk(bytes, start);
		}
		List<String> length = headers.get("content-length");
		if (length != null) {
			int n = Integer.parseInt(length.get(0));
			return (bytes.length - start >= n) ? Arrays.copyOfRange(bytes, start, start + n) : null;
		}
		return closed ? Arrays.copyOfRange(bytes, start, bytes.length) : null;
	}

	private static byte[] dechunk(byte[] bytes, int start) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = start;
		while (true) {
			int lineEnd = indexOf(bytes, new byte[] { '\r', '\n' }, at);
			if (lineEnd < 0) {
				return null;
			}
			String size = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
			int semicolon = size.indexOf(';');
			int n = Integer.parseInt(((semicolon < 0) ? size : size.substring(0, semicolon)).trim(), 16);
			at = lineEnd + 2;
			if (n == 0) {
				return body.toByteArray();
			}
			if (bytes.length < at + n + 2) {
				return null;
			}
			body.write(bytes, at, n);
			at += n + 2;
		}
	}

	private static int indexOf(byte[] bytes, byte[] pattern, int from) {
		outer: for (int i = from; i <= bytes.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
