package dev.csemu.auth;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code CS_SESS_ID} cookie against the server-side
 * sessions, restarting the session's idle timer. A missing, forged or expired cookie
 * leaves the request anonymous; the authorization rules then answer 401.
 */
class SessionCookieFilter extends OncePerRequestFilter {

	static final String COOKIE_NAME = "CS_SESS_ID";

	private static final List<SimpleGrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));

	private static final List<SimpleGrantedAuthority> ADMIN = List.of(new SimpleGrantedAuthority("ROLE_USER"),
			new SimpleGrantedAuthority("ROLE_ADMIN"));

	private final SessionStore sessions;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	SessionCookieFilter(SessionStore sessions) {
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = sessionId(request);
		if (id != null) {
			this.sessions.touch(id).ifPresent((user) -> {
				SessionPrincipal principal = new SessionPrincipal(id, user);
				request.setAttribute(SessionPrincipal.REQUEST_ATTRIBUTE, principal);
				SecurityContext context = this.contextHolder.createEmptyContext();
				context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
						user.admin() ? ADMIN : USER));
				this.contextHolder.setContext(context);
			});
		}
		chain.doFilter(request, response);
	}

	static String sessionId(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE_NAME.equals(cookie.getName())) {
				return cookie.getValue();
			}
		}
		return null;
	}

}
