package dev.csemu.web;

import org.springframework.http.HttpStatus;

/**
 * A failure a client is told about in the vendor's envelope, with HTTP status equal to
 * the envelope's code. Features throw it (or a subclass) and the one advice renders it.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	public ApiException(HttpStatus status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

	public static ApiException badRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, message);
	}

	public static ApiException unauthorized(String message) {
		return new ApiException(HttpStatus.UNAUTHORIZED, message);
	}

	public static ApiException forbidden(String message) {
		return new ApiException(HttpStatus.FORBIDDEN, message);
	}

	public static ApiException notFound(String message) {
		return new ApiException(HttpStatus.NOT_FOUND, message);
	}

}
