package dev.csemu.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

import dev.csemu.auth.SessionStore.SignInMethod;
import dev.csemu.web.ApiException;

/**
 * Every way of signing in and out: Container Station's password and sid logins and its
 * logout, QTS's authLogin.cgi and authLogout.cgi, all behind the same address block and
 * account lock.
 */
class SignInService {

	static final String BAD_CREDENTIALS = "invalid username or password";

	private final Accounts accounts;

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final TwoStepVerifier twoStepVerifier;

	private final Clock clock;

	SignInService(Accounts accounts, SessionStore sessions, SessionStore qtsSids, AccessProtection accessProtection,
			Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.twoStepVerifier = new TwoStepVerifier(clock);
		this.clock = clock;
	}

	/**
	 * Container Station's username/password login.
	 * @param username the user name, in any case
	 * @param password the password
	 * @param address the client's address
	 * @return the new session's id and user
	 */
	NewSession passwordLogin(String username, String password, String address) {
		String key = this.accounts.key(username);
		this.accessProtection.checkAllowed(address, key);
		Accounts.Account account = this.accounts.verify(username, password).orElseThrow(() -> {
			this.accessProtection.recordFailure(address, key);
			return ApiException.unauthorized(BAD_CREDENTIALS);
		});
		if (account.user().hasTwoStep()) {
			throw ApiException.forbidden(
					"2-step verification is enabled on this account: sign in through QTS and log in with the sid");
		}
		SignedInUser user = signedIn(account);
		return new NewSession(this.sessions.create(user, SignInMethod.PASSWORD, address), user);
	}

	/**
	 * Container Station's login with a QTS session id. The session belongs to the sid: it
	 * ends no later than the sid's lifetime, and its logout ends the sid.
	 * @param sid the sid authLogin.cgi gave
	 * @param address the client's address
	 * @return the new session's id and user
	 */
	NewSession sidLogin(String sid, String address) {
		this.accessProtection.checkAllowed(address, null);
		Optional<SessionStore.Session> qtsSession = this.qtsSids.use(sid);
		Optional<Accounts.Account> account = qtsSession
			.flatMap((session) -> this.accounts.find(session.user().username()));
		if (account.isEmpty()) {
			this.accessProtection.recordFailure(address, null);
			throw ApiException.unauthorized("invalid or expired sid");
		}
		SignedInUser user = signedIn(account.get());
		String id = this.sessions.create(user, SignInMethod.SID, address, sid, qtsSession.get().deadline());
		return new NewSession(id, user);
	}

	/**
	 * QTS's sign-in: a password, then for 2-step accounts a current TOTP code not used
	 * before.
	 * @param username the user name, in any case
	 * @param password the decoded password
	 * @param securityCode the TOTP code, or null
	 * @param address the client's address
	 * @return the outcome, with a sid when it passed
	 */
	QtsSignIn qtsLogin(String username, String password, String securityCode, String address) {
		String key = this.accounts.key(username);
		this.accessProtection.checkAllowed(address, key);
		Optional<Accounts.Account> verified = this.accounts.verify(username, password);
		if (verified.isEmpty()) {
			this.accessProtection.recordFailure(address, key);
			return QtsSignIn.failed();
		}
		Accounts.Account account = verified.get();
		SignInMethod method = SignInMethod.PASSWORD;
		if (account.user().hasTwoStep()) {
			if (securityCode == null) {
				return QtsSignIn.twoStepRequired();
			}
			OptionalLong step = this.twoStepVerifier.verify(account.user().twoStepSecret(), securityCode);
			if (step.isEmpty() || !this.accessProtection.claimTwoStepStep(account.name(), step.getAsLong())) {
				this.accessProtection.recordFailure(address, key);
				return QtsSignIn.twoStepRequired();
			}
			method = SignInMethod.TWO_STEP;
		}
		SignedInUser user = signedIn(account);
		String sid = this.qtsSids.create(user, method, address);
		return QtsSignIn.passed(sid, user.username(), user.admin());
	}

	/**
	 * Container Station's logout: ends the session and, when it was opened with a QTS
	 * sid, that sid and every other session opened with it, as a QTS sign-out would.
	 * @param sessionId the session's id
	 */
	void logout(String sessionId) {
		this.sessions.end(sessionId).map(SessionStore.Session::origin).ifPresent(this::qtsLogout);
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
		boolean alive = this.qtsSids.remove(sid);
		this.sessions.endOpenedWith(sid);
		return alive;
	}

	private SignedInUser signedIn(Accounts.Account account) {
		return new SignedInUser(account.name(), account.user().admin(), this.clock.instant());
	}

	/**
	 * A session just opened.
	 *
	 * @param id the session id for the cookie
	 * @param user who signed in
	 */
	record NewSession(String id, SignedInUser user) {
	}

	/**
	 * The outcome of a QTS sign-in.
	 *
	 * @param passed whether a sid was issued
	 * @param needTwoStep whether a 2-step code is needed
	 * @param sid the sid, when passed
	 * @param username the account's configured name, when passed
	 * @param admin whether the user is an administrator
	 */
	record QtsSignIn(boolean passed, boolean needTwoStep, String sid, String username, boolean admin) {

		static QtsSignIn failed() {
			return new QtsSignIn(false, false, null, null, false);
		}

		static QtsSignIn twoStepRequired() {
			return new QtsSignIn(false, true, null, null, false);
		}

		static QtsSignIn passed(String sid, String username, boolean admin) {
			return new QtsSignIn(true, false, sid, username, admin);
		}

	}

}
