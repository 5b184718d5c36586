package dev.csemu.auth;

/**
 * The principal of a request made with a live {@code CS_SESS_ID} cookie.
 *
 * @param sessionId the session's id
 * @param user who signed in
 */
public record SessionPrincipal(String sessionId, SignedInUser user) {

	@Override
	public String toString() {
		// Never print the session id into logs.
		return this.user.username();
	}

}
