package dev.csemu.auth;

/**
 * The body of logout.
 *
 * @param username who was signed out
 */
record LogoutResponse(String username) {

}
