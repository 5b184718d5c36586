package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

import dev.csemu.tls.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The bearer token of the control API, and the rule of its security chain: the configured
 * token, or one generated at start and written owner-only to a file so that the user (and
 * only the user) can read it. A Container Station session cookie never opens the control
 * API.
 */
final class ControlToken implements AuthorizationManager<RequestAuthorizationContext> {

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
		try {
			Files.createDirectories(file.getParent());
			PrivateFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the control token to " + file, ex);
		}
		logger.info("Control API token generated and written to {} (set emulator.control.token to choose one)", file);
		return new ControlToken(token);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		return new AuthorizationDecision(matches(context.getRequest().getHeader(HttpHeaders.AUTHORIZATION)));
	}

	/**
	 * Whether an Authorization header is {@code Bearer <token>}, compared in constant
	 * time.
	 */
	boolean matches(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(presented, this.token);
	}

	/** The token itself, for the dashboard's link. */
	String value() {
		return new String(this.token, StandardCharsets.UTF_8);
	}

}
