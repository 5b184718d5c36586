package dev.csemu.auth;

import java.time.Instant;

/**
 * An address whose sign-ins IP access protection refuses.
 *
 * @param address the client's address
 * @param blockedUntil when sign-ins from it are accepted again
 */
public record BlockedAddress(String address, Instant blockedUntil) {

}
