package dev.csemu.auth;

/**
 * The login body: a user name and password, or a QTS sid.
 *
 * @param username the user name
 * @param password the password
 * @param sid a QTS session id from authLogin.cgi
 */
record LoginRequest(String username, String password, String sid) {

}
