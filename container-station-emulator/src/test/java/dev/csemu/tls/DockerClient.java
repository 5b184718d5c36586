package dev.csemu.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A bare HTTPS/1.1 client for the Docker endpoint: one new connection (so one full
 * handshake) per request, the server's name checked against 127.0.0.1 as docker does with
 * {@code --tlsverify}.
 */
final class DockerClient {

	private final int port;

	private final SSLContext context;

	private String[] protocols;

	DockerClient(int port, SSLContext context) {
		this.port = port;
		this.context = context;
	}

	DockerClient protocols(String... protocols) {
		this.protocols = protocols;
		return this;
	}

	Response get(String path) throws IOException {
		return send("GET", path);
	}

	/**
	 * Connects, shakes hands and sends one request.
	 * @param method the HTTP method
	 * @param path the path
	 * @return the response and the server's certificate
	 * @throws IOException when the handshake or the exchange fails, or the server closes
	 * the connection without answering
	 */
	Response send(String method, String path) throws IOException {
		try (SSLSocket socket = (SSLSocket) this.context.getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(30_000);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			if (this.protocols != null) {
				parameters.setProtocols(this.protocols);
			}
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			String protocol = socket.getSession().getProtocol();
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
					+ "\r\nUser-Agent: Docker-Client/20.10.3 (linux)\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			byte[] raw = readAll(socket.getInputStream());
			if (raw.length == 0) {
				throw new IOException("the server closed the connection without answering");
			}
			return Response.parse(new String(raw, StandardCharsets.UTF_8), served, protocol);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toByteArray();
	}

	/**
	 * One HTTP response.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body (de-chunked)
	 * @param served the certificate the server presented
	 * @param protocol the negotiated TLS version
	 */
	record Response(int status, Map<String, String> headers, String body, X509Certificate served, String protocol) {

		static Response parse(String raw, X509Certificate served, String protocol) {
			int end = raw.indexOf("\r\n\r\n");
			String[] head = raw.substring(0, end).split("\r\n");
			int status = Integer.parseInt(head[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						head[i].substring(colon + 1).trim());
			}
			String body = raw.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(body);
			}
			return new Response(status, headers, body, served, protocol);
		}

		private static String dechunk(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
				if (size == 0) {
					return body.toString();
				}
				body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
		}

	}

}
