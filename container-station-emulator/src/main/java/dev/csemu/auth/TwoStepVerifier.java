package dev.csemu.auth;

import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 codes (SHA-1, 30 s steps, 6 digits) for 2-step accounts, checked against the
 * injected clock with one step of tolerance either side. Whether a code was used before
 * is the caller's question ({@link AccessProtection#claimTwoStepStep}).
 */
final class TwoStepVerifier {

	private static final Duration STEP = Duration.ofSeconds(30);

	private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);

	private final Clock clock;

	TwoStepVerifier(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The time step a code belongs to, when it is valid now for the secret. Every step
	 * within the tolerance is checked, whichever matches.
	 * @param base32Secret the account's secret
	 * @param code what the client sent, possibly null or malformed
	 * @return the matching step (30-second periods since the epoch)
	 */
	OptionalLong verify(String base32Secret, String code) {
		if (code == null || !code.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		int expected = Integer.parseInt(code);
		SecretKeySpec key = new SecretKeySpec(decode(base32Secret), this.generator.getAlgorithm());
		Instant now = this.clock.instant();
		OptionalLong matched = OptionalLong.empty();
		try {
			for (int offset = -1; offset <= 1; offset++) {
				Instant at = now.plus(STEP.multipliedBy(offset));
				if (this.generator.generateOneTimePassword(key, at) == expected) {
					matched = OptionalLong.of(Math.floorDiv(at.getEpochSecond(), STEP.toSeconds()));
				}
			}
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("Unusable 2-step secret", ex);
		}
		return matched;
	}

	static byte[] decode(String base32Secret) {
		return new Base32().decode(base32Secret.replace(" ", "").toUpperCase(java.util.Locale.ROOT));
	}

}
