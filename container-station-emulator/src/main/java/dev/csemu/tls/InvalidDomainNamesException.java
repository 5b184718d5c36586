package dev.csemu.tls;

/**
 * A {@code domain_names} value that is not a list of DNS host names and IP literals, or
 * holds too many: the message names the first bad entry.
 */
class InvalidDomainNamesException extends RuntimeException {

	InvalidDomainNamesException(String message) {
		super(message, null, false, false);
	}

}
