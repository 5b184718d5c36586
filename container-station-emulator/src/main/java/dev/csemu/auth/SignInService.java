package dev.csemu.auth;

import java.time.Clock;
import java.util.Optional;

import dev.csemu.web.ApiException;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Every way of signing in: Container Station's password and sid logins and QTS's
 * authLogin.cgi, all behind the same address block.
 */
class SignInService {

	static final String BAD_CREDENTIALS = "invalid username or password";

	private final AuthenticationManager authenticationManager;

	private final AuthProperties properties;

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final TwoStepVerifier twoStepVerifier;

	private final Clock clock;

	SignInService(AuthenticationManager authenticationManager, AuthProperties properties, SessionStore sessions,
			SessionStore qtsSids, AccessProtection accessProtection, Clock clock) {
		this.authenticationManager = authenticationManager;
		this.properties = properties;
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.twoStepVerifier = new TwoStepVerifier(clock);
		this.clock = clock;
	}

	/**
	 * Container Station's username/password login.
	 * @param username the user name
	 * @param password the password
	 * @param address the client's address
	 * @return the new session's id and user
	 */
	NewSession passwordLogin(String username, String password, String address) {
		this.accessProtection.checkAllowed(address);
		AuthProperties.User user = checkPassword(username, password, address);
		if (user.hasTwoStep()) {
			throw ApiException.forbidden(
					"2-step verification is enabled on this account: sign in through QTS and log in with the sid");
		}
		return open(username, user, "password", address);
	}

	/**
	 * Container Station's login with a QTS session id.
	 * @param sid the sid authLogin.cgi gave
	 * @param address the client's address
	 * @return the new session's id and user
	 */
	NewSession sidLogin(String sid, String address) {
		this.accessProtection.checkAllowed(address);
		Optional<SignedInUser> qtsUser = this.qtsSids.touch(sid);
		AuthProperties.User user = qtsUser.map((signedIn) -> this.properties.users().get(signedIn.username()))
			.orElse(null);
		if (user == null) {
			this.accessProtection.recordFailure(address);
			throw ApiException.unauthorized("invalid or expired sid");
		}
		return open(qtsUser.get().username(), user, "sid", address);
	}

	/**
	 * QTS's sign-in: a password, then for 2-step accounts a current TOTP code.
	 * @param username the user name
	 * @param password the decoded password
	 * @param securityCode the TOTP code, or null
	 * @param address the client's address
	 * @return the outcome, with a sid when it passed
	 */
	QtsSignIn qtsLogin(String username, String password, String securityCode, String address) {
		this.accessProtection.checkAllowed(address);
		AuthProperties.User user;
		try {
			user = checkPassword(username, password, address);
		}
		catch (ApiException ex) {
			return QtsSignIn.failed();
		}
		if (user.hasTwoStep() && !this.twoStepVerifier.verify(user.twoStepSecret(), securityCode)) {
			if (securityCode != null) {
				this.accessProtection.recordFailure(address);
			}
			return QtsSignIn.twoStepRequired();
		}
		this.accessProtection.recordSuccess(address);
		String sid = this.qtsSids.create(new SignedInUser(username, user.admin(), this.clock.instant()), "qts",
				address);
		return QtsSignIn.passed(sid, username, user.admin());
	}

	private AuthProperties.User checkPassword(String username, String password, String address) {
		try {
			Authentication result = this.authenticationManager
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
			return this.properties.users().get(result.getName());
		}
		catch (AuthenticationException ex) {
			this.accessProtection.recordFailure(address);
			throw ApiException.unauthorized(BAD_CREDENTIALS);
		}
	}

	private NewSession open(String username, AuthProperties.User user, String via, String address) {
		this.accessProtection.recordSuccess(address);
		SignedInUser signedIn = new SignedInUser(username, user.admin(), this.clock.instant());
		return new NewSession(this.sessions.create(signedIn, via, address), signedIn);
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
	 * @param username the user name, when passed
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
