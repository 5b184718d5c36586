package dev.csemu.control;

import java.io.IOException;

import dev.csemu.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the control API (actuator included) with its bearer token. A Container Station
 * session cookie never opens it. Health stays open for Docker's HEALTHCHECK. Without a
 * token (the control API turned off) everything else under {@code /_emulator} is 404. The
 * dashboard's own files (exact paths, no data) load without the token: a browser cannot
 * send one when it navigates.
 */
class ControlTokenFilter extends OncePerRequestFilter {

	private final ControlToken token;

	private final ErrorWriter errorWriter;

	ControlTokenFilter(ControlToken token, ErrorWriter errorWriter) {
		this.token = token;
		this.errorWriter = errorWriter;
	}

	static FilterRegistrationBean<ControlTokenFilter> registration(ControlTokenFilter filter) {
		FilterRegistrationBean<ControlTokenFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(ControlApi.BASE + "/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !path.startsWith(ControlApi.BASE + "/") || path.equals(ControlApi.BASE + "/health");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.token == null) {
			this.errorWriter.write(response, HttpStatus.NOT_FOUND, "not found");
			return;
		}
		if (DashboardController.PATHS.contains(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.token.matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"emulator control\"");
			this.errorWriter.write(response, HttpStatus.UNAUTHORIZED,
					"the control API needs Authorization: Bearer <emulator.control.token>");
			return;
		}
		chain.doFilter(request, response);
	}

}
