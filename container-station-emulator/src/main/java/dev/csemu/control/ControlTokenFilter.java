package dev.csemu.control;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a control API request by its bearer token, inside the control API's
 * security chain; the chain's rules then decide. A Container Station session cookie never
 * opens the control API.
 */
class ControlTokenFilter extends OncePerRequestFilter {

	static final String AUTHORITY = "CONTROL";

	private static final List<SimpleGrantedAuthority> CONTROL = List.of(new SimpleGrantedAuthority(AUTHORITY));

	private final ControlToken token;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	ControlTokenFilter(ControlToken token) {
		this.token = token;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.token.matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			SecurityContext context = this.contextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("control", null, CONTROL));
			this.contextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
