package dev.csemu.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The principal of a request made with a live {@code CS_SESS_ID} cookie.
 *
 * @param sessionId the session's id
 * @param user who signed in
 */
public record SessionPrincipal(String sessionId, SignedInUser user) {

	/**
	 * The request attribute holding the principal of a signed-in request (also set by a
	 * successful login), for observers such as the request journal.
	 */
	public static final String REQUEST_ATTRIBUTE = SessionPrincipal.class.getName();

	static final String COOKIE_NAME = "CS_SESS_ID";

	static String sessionId(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE_NAME.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	@Override
	public String toString() {
		// Never print the session id into logs.
		return this.user.username();
	}

}
