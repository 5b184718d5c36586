package dev.csemu.control;

import java.io.IOException;
import java.util.Locale;

import dev.csemu.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Actuator's endpoints answer some errors (an unknown metric or health component) with a
 * status and no body; under the control API every error is the envelope, so such an
 * answer gets one.
 */
class ActuatorErrorFilter extends OncePerRequestFilter {

	static final String BASE = ControlApi.BASE + "/actuator";

	private final ErrorWriter errorWriter;

	ActuatorErrorFilter(ErrorWriter errorWriter) {
		this.errorWriter = errorWriter;
	}

	static FilterRegistrationBean<ActuatorErrorFilter> registration(ActuatorErrorFilter filter) {
		FilterRegistrationBean<ActuatorErrorFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(BASE + "/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, buffered);
		HttpStatus status = HttpStatus.resolve(buffered.getStatus());
		if (status != null && status.isError() && buffered.getContentSize() == 0 && !response.isCommitted()) {
			String message = (status == HttpStatus.NOT_FOUND) ? "not found"
					: status.getReasonPhrase().toLowerCase(Locale.ROOT);
			this.errorWriter.write(response, status, message);
			return;
		}
		buffered.copyBodyToResponse();
	}

}
