package dev.csemu.testcontainers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Docker client bundle ({@code cert.zip}) the emulator exports: what a Docker client
 * needs to reach the emulator's mutual-TLS Docker endpoint.
 *
 * @param caPem the CA certificate ({@code ca.pem}), to verify the endpoint with
 * @param certPem the client certificate ({@code cert.pem})
 * @param keyPem the client's private key ({@code key.pem}), PKCS#8 PEM
 */
public record DockerBundle(String caPem, String certPem, String keyPem) {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Writes {@code ca.pem}, {@code cert.pem} and {@code key.pem} (owner-only) into a
	 * folder, which then serves as {@code DOCKER_CERT_PATH}.
	 * @param dir the folder, created when absent
	 * @return the folder
	 */
	public Path writeTo(Path dir) {
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("ca.pem"), this.caPem, StandardCharsets.US_ASCII);
			Files.writeString(dir.resolve("cert.pem"), this.certPem, StandardCharsets.US_ASCII);
			Path key = dir.resolve("key.pem");
			Files.deleteIfExists(key);
			if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(key,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(key, this.keyPem, StandardCharsets.US_ASCII);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the Docker bundle to " + dir, ex);
		}
	}

	/**
	 * Signs in as an administrator, asks {@code GET /tls/export} and signs out.
	 */
	static DockerBundle export(URI apiUrl, String user, String password) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		String login = "{\"username\": " + quote(user) + ", \"password\": " + quote(password) + "}";
		HttpResponse<String> signedIn = send(http,
				HttpRequest.newBuilder(URI.create(apiUrl + "/login"))
					.POST(BodyPublishers.ofString(login))
					.header("Content-Type", "application/json"),
				BodyHandlers.ofString());
		String cookie = signedIn.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("CS_SESS_ID="))
			.map((value) -> value.split(";", 2)[0])
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"Sign-in as " + user + " answered " + signedIn.statusCode() + ": " + signedIn.body()));
		try {
			HttpResponse<byte[]> zip = send(http,
					HttpRequest.newBuilder(URI.create(apiUrl + "/tls/export")).GET().header("Cookie", cookie),
					BodyHandlers.ofByteArray());
			if (zip.statusCode() != 200) {
				throw new IllegalStateException("GET /tls/export answered " + zip.statusCode() + ": "
						+ new String(zip.body(), StandardCharsets.UTF_8));
			}
			return unzip(zip.body());
		}
		finally {
			send(http,
					HttpRequest.newBuilder(URI.create(apiUrl + "/logout"))
						.PUT(BodyPublishers.noBody())
						.header("Cookie", cookie),
					BodyHandlers.discarding());
		}
	}

	private static DockerBundle unzip(byte[] zip) {
		Map<String, String> files = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cert.zip could not be read", ex);
		}
		if (!files.keySet().containsAll(List.of("ca.pem", "cert.pem", "key.pem"))) {
			throw new IllegalStateException("cert.zip holds " + files.keySet() + ", not ca.pem, cert.pem and key.pem");
		}
		return new DockerBundle(files.get("ca.pem"), files.get("cert.pem"), files.get("key.pem"));
	}

	private static <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request,
			HttpResponse.BodyHandler<T> body) {
		try {
			return http.send(request.timeout(TIMEOUT).build(), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
