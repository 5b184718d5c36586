package dev.csemu.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The body of a request as its client sent it, for those who record traffic.
 */
public final class RequestBody {

	private RequestBody() {
	}

	/**
	 * The raw body, once the one body reader has read it.
	 * @param request the request
	 * @return the bytes, or null when there was no body or it was not read
	 */
	public static byte[] of(HttpServletRequest request) {
		return RequestBodyFilter.bodyOf(request);
	}

	/**
	 * The request as its client sent it: the one body reader labels every body it read as
	 * JSON for Spring MVC.
	 * @param request the request
	 * @return the request with the client's own headers
	 */
	public static HttpServletRequest original(HttpServletRequest request) {
		return RequestBodyFilter.original(request);
	}

}
