package dev.csemu.auth;

import java.time.Instant;

/**
 * Who a session or a QTS sid belongs to, and when they signed in.
 *
 * @param username the account's name
 * @param admin whether the account is an administrator
 * @param loginTime when the session was created
 */
public record SignedInUser(String username, boolean admin, Instant loginTime) {

}
