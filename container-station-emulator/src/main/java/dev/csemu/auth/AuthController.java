package dev.csemu.auth;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.auth.SessionStore.Session;
import dev.csemu.auth.SessionStore.SignInMethod;
import dev.csemu.web.ApiException;
import dev.csemu.web.ContainerStationApi;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.util.WebUtils;

/**
 * Container Station's {@code login} (with a password or a QTS sid), {@code login_refresh}
 * and {@code logout}.
 */
@ContainerStationApi
class AuthController {

	/** The session cookie. */
	static final String COOKIE_NAME = "CS_SESS_ID";

	static final String BAD_CREDENTIALS = "invalid username or password";

	private static final DateTimeFormatter LOGIN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final Accounts accounts;

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final Clock clock;

	AuthController(Accounts accounts, @Qualifier("sessionStore") SessionStore sessions,
			@Qualifier("qtsSidStore") SessionStore qtsSids, AccessProtection accessProtection, Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.clock = clock;
	}

	@PostMapping("/login")
	ResponseEntity<LoginResponse> login(@RequestBody LoginRequest body, HttpServletRequest request) {
		String address = request.getRemoteAddr();
		Session session;
		if (body.sid() != null) {
			session = sidLogin(body.sid(), address);
		}
		else if (body.username() != null && body.password() != null) {
			// The name in any case.
			Accounts.Account account = this.accessProtection
				.checkPassword(this.accounts, body.username(), body.password(), address)
				.orElseThrow(() -> ApiException.unauthorized(BAD_CREDENTIALS));
			if (account.user().hasTwoStep()) {
				throw ApiException.forbidden(
						"2-step verification is enabled on this account: sign in through QTS and log in with the sid");
			}
			session = this.sessions.create(account.name(), account.user().admin(), SignInMethod.PASSWORD, address, null,
					null);
		}
		else {
			throw ApiException.badRequest("username and password, or sid, are required");
		}
		// A new id on every login: a session fixed before sign-in is ended, never
		// promoted.
		this.sessions.remove(sessionId(request));
		request.setAttribute(Session.REQUEST_ATTRIBUTE, session);
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, cookie(session.id(), request).build().toString())
			.body(body(session));
	}

	/**
	 * The login with a QTS session id. The session belongs to the sid: it ends no later
	 * than the sid's lifetime, and its logout ends the sid.
	 */
	private Session sidLogin(String sid, String address) {
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

	@GetMapping("/login_refresh")
	LoginResponse refresh(@AuthenticationPrincipal Session session) {
		return body(session);
	}

	@PutMapping("/logout")
	ResponseEntity<LogoutResponse> logout(@AuthenticationPrincipal Session session, HttpServletRequest request) {
		// A session opened with a QTS sid ends that sid, as a QTS sign-out would.
		this.sessions.remove(session.id())
			.map(Session::origin)
			.ifPresent((sid) -> this.qtsSids.endSid(sid, this.sessions));
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, cookie("", request).maxAge(0).build().toString())
			.body(new LogoutResponse(session.username()));
	}

	/** The session id a request carries, or null. */
	static String sessionId(HttpServletRequest request) {
		Cookie cookie = WebUtils.getCookie(request, COOKIE_NAME);
		return (cookie != null) ? cookie.getValue() : null;
	}

	private static ResponseCookie.ResponseCookieBuilder cookie(String value, HttpServletRequest request) {
		return ResponseCookie.from(COOKIE_NAME, value)
			.path("/")
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure());
	}

	private LoginResponse body(Session session) {
		String loginTime = LOGIN_TIME.format(session.loginTime().atZone(this.clock.getZone()));
		return new LoginResponse(false, session.admin(), loginTime, session.username());
	}

	/**
	 * The login body: a user name and password, or a QTS sid from authLogin.cgi.
	 */
	record LoginRequest(String username, String password, String sid) {
	}

	/**
	 * The body of login and login_refresh.
	 *
	 * @param anonymous always false for a signed-in user
	 * @param isAdmin whether the user is in the administrators group
	 * @param logintime when the session was opened, {@code YYYY-MM-DD HH:MM:SS} local
	 * time
	 * @param username the user name
	 */
	record LoginResponse(boolean anonymous, @JsonProperty("isAdmin") boolean isAdmin, String logintime,
			String username) {
	}

	/** The body of logout: who was signed out. */
	record LogoutResponse(String username) {
	}

}
