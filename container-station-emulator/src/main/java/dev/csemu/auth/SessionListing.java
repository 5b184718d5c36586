package dev.csemu.auth;

import java.time.Instant;

/**
 * A live session as the control API lists it: never its id.
 *
 * @param handle names the session for ending it, without revealing its id
 * @param user who signed in, and when
 * @param via how: {@code password}, {@code sid} or {@code qts}; null when unknown
 * @param address the client's address at sign-in, or null
 * @param lastSeen the last request with the session
 * @param expiresAt when it ends unless used again
 */
public record SessionListing(String handle, SignedInUser user, String via, String address, Instant lastSeen,
		Instant expiresAt) {

}
