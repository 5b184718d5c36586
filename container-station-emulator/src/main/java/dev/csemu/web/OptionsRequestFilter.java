package dev.csemu.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * OPTIONS is not a method of the API (nor is CORS offered): where Spring MVC or the
 * servlet would answer an empty 200 listing the allowed methods, the client gets 405 in
 * the envelope, as for every other wrong method, with that {@code Allow} header. Errors
 * raised before (401, 404, ...) pass unchanged. Only OPTIONS requests are buffered.
 */
class OptionsRequestFilter extends OncePerRequestFilter {

	private final ErrorWriter errorWriter;

	OptionsRequestFilter(ErrorWriter errorWriter) {
		this.errorWriter = errorWriter;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !HttpMethod.OPTIONS.matches(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, buffered);
		if (buffered.getStatus() >= 400 || response.isCommitted()) {
			buffered.copyBodyToResponse();
			return;
		}
		String allow = response.getHeader(HttpHeaders.ALLOW);
		if (allow != null) {
			response.setHeader(HttpHeaders.ALLOW, withoutOptions(allow));
		}
		this.errorWriter.write(response, HttpStatus.METHOD_NOT_ALLOWED, "method OPTIONS is not allowed here");
	}

	private static String withoutOptions(String allow) {
		return Arrays.stream(allow.split(","))
			.map(String::trim)
			.filter((method) -> !method.isEmpty() && !HttpMethod.OPTIONS.matches(method))
			.collect(Collectors.joining(","));
	}

}
