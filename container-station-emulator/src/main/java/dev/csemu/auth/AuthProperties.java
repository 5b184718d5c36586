package dev.csemu.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may sign in, how long sessions live and when an address is blocked or an account
 * locked.
 *
 * @param users the accounts by user name; {@code admin}/{@code admin} (an administrator)
 * when none is configured
 * @param session server-side session settings
 * @param accessProtection QTS "IP Access Protection" and "Account Access Protection":
 * blocking an address, and locking an account, after failed sign-ins
 */
@ConfigurationProperties("emulator")
@Validated
public record AuthProperties(Map<String, @Valid User> users, @DefaultValue @Valid Session session,
		@DefaultValue @Valid AccessProtection accessProtection) {

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
	public record User(@NotBlank String password, @DefaultValue("false") boolean admin, String twoStepSecret) {

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
	public record Session(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("10000") @Min(1) int maxSessions,
			@DefaultValue("24h") Duration maxLifetime, @DefaultValue("64") @Min(1) int maxPerUser) {

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
	public record AccessProtection(@DefaultValue("5") @Min(0) int maxFailures, @DefaultValue("1m") Duration window,
			@DefaultValue("5m") Duration block, @DefaultValue("10") @Min(0) int accountMaxFailures) {

	}

}
