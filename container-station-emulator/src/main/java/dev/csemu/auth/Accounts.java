package dev.csemu.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The configured accounts and their password check.
 *
 * <p>
 * User names match without regard to case and resolve to the configured spelling, once,
 * at sign-in. A password check takes the same work whether or not the name is an account:
 * an unknown name is checked against a stand-in, one of the configured accounts' stored
 * passwords picked by a keyed hash of the name (the result is thrown away), so its time
 * is that of a real account's check. Plain-text passwords are compared in constant time
 * (digests of equal length); encoded ones ({@code {bcrypt}...}) by Spring Security's
 * encoders.
 */
@Component
final class Accounts {

	private static final String NOOP = "{noop}";

	private final Map<String, Account> byName = new LinkedHashMap<>();

	private final List<Account> all;

	private final SecretKeySpec standInKey;

	Accounts(AuthProperties properties, SecureRandom random) {
		PasswordEncoder encoder = encoder();
		properties.users().forEach((name, user) -> {
			Account account = new Account(name, user, check(user.password(), encoder));
			Account clash = this.byName.put(fold(name), account);
			if (clash != null) {
				throw new IllegalStateException("emulator.users: '" + clash.name() + "' and '" + name
						+ "' differ only in case, but user names match without regard to case");
			}
		});
		this.all = List.copyOf(this.byName.values());
		byte[] key = new byte[32];
		random.nextBytes(key);
		this.standInKey = new SecretKeySpec(key, "HmacSHA256");
	}

	/** The account a user name names, in any case. */
	Optional<Account> find(String username) {
		return Optional.ofNullable(this.byName.get(fold(username)));
	}

	/**
	 * The key failures of a user name are counted under: the account's configured name,
	 * or the lower-case name when it is no account (counted too, so that a lock does not
	 * tell which names exist).
	 */
	String key(String username) {
		return find(username).map(Account::name).orElseGet(() -> fold(username));
	}

	/** Whether a key from {@link #key(String)} names a configured account. */
	boolean isConfigured(String key) {
		Account account = this.byName.get(fold(key));
		return account != null && account.name().equals(key);
	}

	/**
	 * The account, when the name is one and the password is its own: the same work
	 * whether or not the name is an account.
	 */
	Optional<Account> verify(String username, String password) {
		Account standIn = standIn(username);
		Optional<Account> account = find(username);
		boolean matches = account.orElse(standIn).check().test(password);
		return matches ? account : Optional.empty();
	}

	private Account standIn(String username) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.standInKey);
			byte[] digest = mac.doFinal(fold(username).getBytes(StandardCharsets.UTF_8));
			return this.all.get(Math.floorMod(ByteBuffer.wrap(digest).getInt(), this.all.size()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	private static String fold(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	private static Predicate<String> check(String stored, PasswordEncoder encoder) {
		if (stored.startsWith(NOOP)) {
			String plain = stored.substring(NOOP.length());
			return (password) -> ConstantTimePlainText.INSTANCE.matches(password, plain);
		}
		return (password) -> encoder.matches(password, stored);
	}

	@SuppressWarnings("deprecation")
	private static PasswordEncoder encoder() {
		DelegatingPasswordEncoder encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories
			.createDelegatingPasswordEncoder();
		// A password without an {id} prefix is plain text, as users write it in
		// application.yml.
		encoder.setDefaultPasswordEncoderForMatches(ConstantTimePlainText.INSTANCE);
		return encoder;
	}

	/**
	 * A configured account.
	 *
	 * @param name the configured spelling of its name
	 * @param user its settings
	 * @param check its password check
	 */
	record Account(String name, AuthProperties.User user, Predicate<String> check) {

	}

	/**
	 * Plain-text passwords compared through SHA-256 digests, so the comparison takes the
	 * same time wherever the first difference is and whatever the lengths.
	 */
	private enum ConstantTimePlainText implements PasswordEncoder {

		INSTANCE;

		@Override
		public String encode(CharSequence rawPassword) {
			throw new UnsupportedOperationException("plain-text passwords are only compared");
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return MessageDigest.isEqual(sha256(rawPassword.toString()), sha256(encodedPassword));
		}

		private static byte[] sha256(String text) {
			try {
				return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
			}
		}

	}

}
