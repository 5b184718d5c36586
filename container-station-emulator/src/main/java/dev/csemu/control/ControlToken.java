package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import dev.csemu.tls.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of the control API: the configured one, or one generated at start and
 * written owner-only to a file so that the user (and only the user) can read it.
 */
final class ControlToken {

	private static final Logger logger = LoggerFactory.getLogger(ControlToken.class);

	private final byte[] token;

	private ControlToken(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	static ControlToken of(ControlProperties properties, SecureRandom random) {
		if (properties.token() != null && !properties.token().isBlank()) {
			return new ControlToken(properties.token());
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Path file = properties.tokenFile().toAbsolutePath();
		write(file, token);
		logger.info("Control API token generated and written to {} (set emulator.control.token to choose one)", file);
		return new ControlToken(token);
	}

	/**
	 * Whether an Authorization header carries the token, compared in constant time.
	 * @param authorization the header's value, possibly null
	 * @return true for {@code Bearer <token>}
	 */
	boolean matches(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(presented, this.token);
	}

	/**
	 * The token itself, for the dashboard's link.
	 * @return the token
	 */
	String value() {
		return new String(this.token, StandardCharsets.UTF_8);
	}

	private static void write(Path file, String token) {
		try {
			Files.createDirectories(file.getParent());
			PrivateFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the control token to " + file, ex);
		}
	}

}
