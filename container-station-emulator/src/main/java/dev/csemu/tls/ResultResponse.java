package dev.csemu.tls;

/**
 * The answer of the certificate writes: {@code {"result": true}}.
 *
 * @param result always true; failures answer the error envelope
 */
record ResultResponse(boolean result) {

	static final ResultResponse OK = new ResultResponse(true);

}
