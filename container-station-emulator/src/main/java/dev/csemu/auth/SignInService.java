package dev.csemu.auth;

import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.csemu.auth.SessionStore.Session;
import dev.csemu.auth.SessionStore.SignInMethod;
import dev.csemu.web.ApiException;
import org.apache.commons.codec.binary.Base32;

/**
 * Every way of signing in and out: Container Station's password and sid logins and its
 * logout, QTS's authLogin.cgi (with RFC 6238 codes for 2-step accounts: SHA-1, 30 s
 * steps, 6 digits, one step of tolerance either side, on the injected clock) and
 * authLogout.cgi, all behind the same address block and account lock.
 */
class SignInService {

	static final String BAD_CREDENTIALS = "invalid username or password";

	private static final Duration TWO_STEP = Duration.ofSeconds(30);

	private final Accounts accounts;

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final TimeBasedOneTimePasswordGenerator twoStep = new TimeBasedOneTimePasswordGenerator(TWO_STEP, 6);

	private final Clock clock;

	SignInService(Accounts accounts, SessionStore sessions, SessionStore qtsSids, AccessProtection accessProtection,
			Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.clock = clock;
	}

	/** Container Station's username/password login; the name in any case. */
	Session passwordLogin(String username, String password, String address) {
		Accounts.Account account = checkPassword(username, password, address)
			.orElseThrow(() -> ApiException.unauthorized(BAD_CREDENTIALS));
		if (account.user().hasTwoStep()) {
			throw ApiException.forbidden(
					"2-step verification is enabled on this account: sign in through QTS and log in with the sid");
		}
		return this.sessions.create(account.name(), account.user().admin(), SignInMethod.PASSWORD, address, null, null);
	}

	/**
	 * Container Station's login with a QTS session id. The session belongs to the sid: it
	 * ends no later than the sid's lifetime, and its logout ends the sid.
	 * @param sid the sid authLogin.cgi gave
	 * @param address the client's address
	 * @return the new session
	 */
	Session sidLogin(String sid, String address) {
		this.accessProtection.checkAllowed(address, null);
		Optional<Session> qtsSession = this.qtsSids.touch(sid);
		Optional<Accounts.Account> account = qtsSession.flatMap((session) -> this.accounts.find(session.username()));
		if (account.isEmpty()) {
			this.accessProtection.recordFailure(address, null);
			throw ApiException.unauthorized("invalid or expired sid");
		}
		return this.sessions.create(account.get().name(), account.get().user().admin(), SignInMethod.SID, address, sid,
				qtsSession.get().deadline());
	}

	/**
	 * QTS's sign-in: a password (the name in any case), then for 2-step accounts a
	 * current TOTP code not used before.
	 */
	QtsSignIn qtsLogin(String username, String password, String securityCode, String address) {
		Optional<Accounts.Account> verified = checkPassword(username, password, address);
		if (verified.isEmpty()) {
			return new QtsSignIn(null, false);
		}
		Accounts.Account account = verified.get();
		SignInMethod method = SignInMethod.PASSWORD;
		if (account.user().hasTwoStep()) {
			if (securityCode == null) {
				return new QtsSignIn(null, true);
			}
			OptionalLong step = twoStepStep(account.user().twoStepSecret(), securityCode);
			if (step.isEmpty() || !this.accessProtection.claimTwoStepStep(account.name(), step.getAsLong())) {
				this.accessProtection.recordFailure(address, account.name());
				return new QtsSignIn(null, true);
			}
			method = SignInMethod.TWO_STEP;
		}
		return new QtsSignIn(this.qtsSids.create(account.name(), account.user().admin(), method, address, null, null),
				false);
	}

	/**
	 * Container Station's logout: ends the session and, when it was opened with a QTS
	 * sid, that sid and every other session opened with it, as a QTS sign-out would.
	 * @param sessionId the session's id
	 */
	void logout(String sessionId) {
		this.sessions.remove(sessionId).map(Session::origin).ifPresent(this::qtsLogout);
	}

	/**
	 * QTS's sign-out: ends the sid and every Container Station session opened with it.
	 * @param sid the sid, possibly null or unknown
	 * @return whether the sid was alive
	 */
	boolean qtsLogout(String sid) {
		if (sid == null) {
			return false;
		}
		boolean alive = this.qtsSids.remove(sid).isPresent();
		this.sessions.endOpenedWith(sid);
		return alive;
	}

	/**
	 * The account, when the password is its own: refused while the address is blocked or
	 * the account locked, and a failure counts against both.
	 */
	private Optional<Accounts.Account> checkPassword(String username, String password, String address) {
		String key = this.accounts.key(username);
		this.accessProtection.checkAllowed(address, key);
		Optional<Accounts.Account> account = this.accounts.verify(username, password);
		if (account.isEmpty()) {
			this.accessProtection.recordFailure(address, key);
		}
		return account;
	}

	/**
	 * The time step a code belongs to, when it is valid now for the secret. Every step
	 * within the tolerance is checked, whichever matches; whether the code was used
	 * before is {@link AccessProtection#claimTwoStepStep}'s question.
	 */
	private OptionalLong twoStepStep(String base32Secret, String code) {
		if (code == null || !code.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		int expected = Integer.parseInt(code);
		byte[] secret = new Base32().decode(base32Secret.replace(" ", "").toUpperCase(Locale.ROOT));
		SecretKeySpec key = new SecretKeySpec(secret, this.twoStep.getAlgorithm());
		Instant now = this.clock.instant();
		OptionalLong matched = OptionalLong.empty();
		try {
			for (int offset = -1; offset <= 1; offset++) {
				Instant at = now.plus(TWO_STEP.multipliedBy(offset));
				if (this.twoStep.generateOneTimePassword(key, at) == expected) {
					matched = OptionalLong.of(Math.floorDiv(at.getEpochSecond(), TWO_STEP.toSeconds()));
				}
			}
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("Unusable 2-step secret", ex);
		}
		return matched;
	}

	/**
	 * The outcome of a QTS sign-in.
	 *
	 * @param sid the new sid's session, or null when the sign-in did not pass
	 * @param needTwoStep whether a (fresh) 2-step code is needed
	 */
	record QtsSignIn(Session sid, boolean needTwoStep) {
	}

}
