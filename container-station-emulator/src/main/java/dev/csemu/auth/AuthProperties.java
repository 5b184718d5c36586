package dev.csemu.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Who may sign in ({@code emulator.users}); how long sessions live
 * ({@code emulator.session}, {@link Session}) and when an address is blocked or an
 * account locked ({@code emulator.access-protection}, {@link AccessProtection}). Each
 * record binds the prefix its users see; the accounts are a map directly under
 * {@code emulator}, keyed by user name, so only they bind there.
 *
 * @param users the accounts by user name; {@code admin}/{@code admin} (an administrator)
 * when none is configured
 */
@ConfigurationProperties("emulator")
public record AuthProperties(Map<String, User> users) {

	/** The built-in account, used when {@code emulator.users} is empty. */
	static final String DEFAULT_USER = "admin";

	/** The built-in account's password. */
	static final String DEFAULT_PASSWORD = "admin";

	public AuthProperties {
		if (users == null || users.isEmpty()) {
			users = Map.of(DEFAULT_USER, new User(DEFAULT_PASSWORD, true, null));
		}
		else {
			users = new LinkedHashMap<>(users);
		}
		users.forEach((name, user) -> {
			Assert.isTrue(user.password() != null && !user.password().isBlank(),
					() -> "emulator.users." + name + ".password must not be blank");
		});
	}

	/**
	 * One account.
	 *
	 * @param password the password in plain text, or in any Spring Security {@code {id}}
	 * encoded form such as {@code {bcrypt}...}
	 * @param admin whether the account is in the administrators group
	 * @param twoStepSecret a base32 TOTP secret; when set, the account has 2-step
	 * verification and must sign in through QTS with a code, then log in with the QTS sid
	 */
	public record User(String password, @DefaultValue("false") boolean admin, String twoStepSecret) {

		boolean hasTwoStep() {
			return this.twoStepSecret != null && !this.twoStepSecret.isBlank();
		}

	}

	/**
	 * Server-side sessions (the {@code CS_SESS_ID} cookie) and QTS sids.
	 *
	 * @param idleTimeout how long a session lives without a request
	 * @param maxSessions how many sessions are kept at most, all accounts together: the
	 * memory bound; beyond it Caffeine's size eviction drops one
	 * @param maxLifetime how long a session lives at most, however busy; a session opened
	 * with a sid ends no later than the sid
	 * @param maxPerUser how many sessions one account holds at most; a new one ends that
	 * account's least recently used, so one account's login flood leaves the others alone
	 */
	@ConfigurationProperties("emulator.session")
	public record Session(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("10000") int maxSessions,
			@DefaultValue("24h") Duration maxLifetime, @DefaultValue("64") int maxPerUser) {

		public Session {
			atLeast(maxSessions, 1, "emulator.session.max-sessions");
			atLeast(maxPerUser, 1, "emulator.session.max-per-user");
		}

	}

	/**
	 * Blocking an address, and locking an account, after repeated failed sign-ins.
	 *
	 * @param maxFailures failed sign-ins (password, sid or authLogin.cgi) from one
	 * address within {@code window} that block the address; 0 turns address blocking off
	 * @param window how far back failures are counted
	 * @param block how long an address stays blocked, and an account locked
	 * @param accountMaxFailures failed passwords or 2-step codes for one account, from
	 * any address, within {@code window} that lock the account; 0 turns account locking
	 * off
	 */
	@ConfigurationProperties("emulator.access-protection")
	public record AccessProtection(@DefaultValue("5") int maxFailures, @DefaultValue("1m") Duration window,
			@DefaultValue("5m") Duration block, @DefaultValue("10") int accountMaxFailures) {

		public AccessProtection {
			atLeast(maxFailures, 0, "emulator.access-protection.max-failures");
			atLeast(accountMaxFailures, 0, "emulator.access-protection.account-max-failures");
		}

	}

	private static void atLeast(int value, int least, String property) {
		Assert.isTrue(value >= least, () -> property + " must be at least " + least + ", not " + value);
	}

}
