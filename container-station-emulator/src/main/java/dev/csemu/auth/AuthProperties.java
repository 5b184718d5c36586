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
 * Who may sign in, how long sessions live and when an address is blocked.
 *
 * @param users the accounts by user name; {@code admin}/{@code admin} (an administrator)
 * when none is configured
 * @param session server-side session settings
 * @param accessProtection QTS "IP Access Protection": blocking an address after failed
 * sign-ins
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
	 * @param maxSessions how many sessions are kept at most; beyond it the least recently
	 * used is dropped, so a login flood cannot exhaust memory
	 */
	public record Session(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("10000") @Min(1) int maxSessions) {

	}

	/**
	 * Blocking an address after repeated failed sign-ins (password, sid or
	 * authLogin.cgi).
	 *
	 * @param maxFailures failures within {@code window} that block the address; 0 turns
	 * the protection off
	 * @param window how far back failures are counted
	 * @param block how long the address stays blocked
	 */
	public record AccessProtection(@DefaultValue("5") @Min(0) int maxFailures, @DefaultValue("1m") Duration window,
			@DefaultValue("5m") Duration block) {

		boolean enabled() {
			return this.maxFailures > 0;
		}

	}

}
