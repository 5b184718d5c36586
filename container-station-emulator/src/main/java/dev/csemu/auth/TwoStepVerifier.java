package dev.csemu.auth;

import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 codes (SHA-1, 30 s steps, 6 digits) for 2-step accounts, checked against the
 * injected clock with one step of tolerance either side.
 */
final class TwoStepVerifier {

	private static final Duration STEP = Duration.ofSeconds(30);

	private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);

	private final Clock clock;

	TwoStepVerifier(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether the code is valid now for the secret.
	 * @param base32Secret the account's secret
	 * @param code what the client sent, possibly null or malformed
	 * @return true for a current code
	 */
	boolean verify(String base32Secret, String code) {
		if (code == null || !code.matches("\\d{6}")) {
			return false;
		}
		int expected = Integer.parseInt(code);
		SecretKeySpec key = new SecretKeySpec(decode(base32Secret), this.generator.getAlgorithm());
		Instant now = this.clock.instant();
		try {
			for (int step = -1; step <= 1; step++) {
				if (this.generator.generateOneTimePassword(key, now.plus(STEP.multipliedBy(step))) == expected) {
					return true;
				}
			}
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("Unusable 2-step secret", ex);
		}
		return false;
	}

	static byte[] decode(String base32Secret) {
		return new Base32().decode(base32Secret.replace(" ", "").toUpperCase(java.util.Locale.ROOT));
	}

}
