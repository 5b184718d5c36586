package dev.csemu.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of login and login_refresh.
 *
 * @param anonymous always false for a signed-in user
 * @param isAdmin whether the user is in the administrators group
 * @param logintime when the session was opened, {@code YYYY-MM-DD HH:MM:SS} local time
 * @param username the user name
 */
record LoginResponse(boolean anonymous, @JsonProperty("isAdmin") boolean isAdmin, String logintime, String username) {

}
