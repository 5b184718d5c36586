/**
 * Signing in: the one security filter chain, login, login_refresh and logout, QTS
 * authLogin.cgi with 2-step verification, server-side sessions, IP access protection and
 * the JSON 401/403 answers.
 */
package dev.csemu.auth;
