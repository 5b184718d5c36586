package dev.csemu.auth;

import java.time.Clock;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.auth.SessionStore.Session;
import dev.csemu.web.ApiException;
import dev.csemu.web.ContainerStationApi;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

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
 * Container Station's {@code login}, {@code login_refresh} and {@code logout}.
 */
@ContainerStationApi
class AuthController {

	/** The session cookie. */
	static final String COOKIE_NAME = "CS_SESS_ID";

	private static final DateTimeFormatter LOGIN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final SignInService signIn;

	private final SessionStore sessions;

	private final Clock clock;

	AuthController(SignInService signIn, SessionStore sessions, Clock clock) {
		this.signIn = signIn;
		this.sessions = sessions;
		this.clock = clock;
	}

	@PostMapping("/login")
	ResponseEntity<LoginResponse> login(@RequestBody LoginRequest body, HttpServletRequest request) {
		String address = request.getRemoteAddr();
		Session session;
		if (body.sid() != null) {
			session = this.signIn.sidLogin(body.sid(), address);
		}
		else if (body.username() != null && body.password() != null) {
			session = this.signIn.passwordLogin(body.username(), body.password(), address);
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

	@GetMapping("/login_refresh")
	LoginResponse refresh(@AuthenticationPrincipal Session session) {
		return body(session);
	}

	@PutMapping("/logout")
	ResponseEntity<LogoutResponse> logout(@AuthenticationPrincipal Session session, HttpServletRequest request) {
		this.signIn.logout(session.id());
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
