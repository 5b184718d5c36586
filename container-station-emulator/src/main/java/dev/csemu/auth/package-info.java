/**
 * Signing in and out: the one security filter chain, login, login_refresh and logout, QTS
 * authLogin.cgi with 2-step verification and authLogout.cgi, server-side sessions,
 * address and account access protection and the JSON 401/403 answers.
 */
package dev.csemu.auth;
