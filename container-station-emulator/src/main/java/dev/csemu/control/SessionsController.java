package dev.csemu.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.csemu.auth.AccessProtection;
import dev.csemu.auth.SessionStore;
import dev.csemu.web.ApiException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Who is signed in (Container Station sessions and QTS sids) and which addresses IP
 * access protection blocks; ending a session.
 */
@ControlApi
class SessionsController {

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final Clock clock;

	SessionsController(@Qualifier("sessionStore") SessionStore sessions, @Qualifier("qtsSidStore") SessionStore qtsSids,
			AccessProtection accessProtection, Clock clock) {
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.clock = clock;
	}

	@GetMapping("/sessions")
	List<SessionView> list() {
		Instant now = this.clock.instant();
		List<SessionView> views = new ArrayList<>();
		this.sessions.list().forEach((session) -> views.add(SessionView.of("session", session, now)));
		this.qtsSids.list().forEach((sid) -> views.add(SessionView.of("qts-sid", sid, now)));
		views.sort(Comparator.comparing(SessionView::loginTime).reversed());
		return views;
	}

	@DeleteMapping("/sessions/{handle}")
	Map<String, Boolean> end(@PathVariable String handle) {
		if (!this.sessions.removeByHandle(handle) && !this.qtsSids.removeByHandle(handle)) {
			throw ApiException.notFound("no session " + handle);
		}
		return Map.of("result", true);
	}

	@GetMapping("/blocks")
	List<AccessProtection.Block> blocks() {
		List<AccessProtection.Block> blocks = new ArrayList<>(this.accessProtection.blocks());
		blocks.sort(Comparator.comparing(AccessProtection.Block::until));
		return blocks;
	}

	/**
	 * A live session or QTS sid, never its id.
	 *
	 * @param handle names it for {@code DELETE /_emulator/sessions/{handle}}
	 * @param kind {@code session} (the {@code CS_SESS_ID} cookie) or {@code qts-sid}
	 * @param user the account
	 * @param admin whether the account is an administrator
	 * @param via how it was signed in: {@code password}, {@code two_step} or {@code sid}
	 * @param address the client's address at sign-in
	 * @param loginTime when it was opened, on the emulator's clock
	 * @param lastSeen its last use
	 * @param expiresAt when it ends unless used again (or at its absolute end)
	 * @param idleSecondsLeft seconds until then (0 once past)
	 */
	record SessionView(String handle, String kind, String user, boolean admin, String via, String address,
			Instant loginTime, Instant lastSeen, Instant expiresAt, long idleSecondsLeft) {

		static SessionView of(String kind, SessionStore.SessionInfo info, Instant now) {
			Instant idleEnd = now.plus(info.idleTimeLeft());
			Instant expiresAt = idleEnd.isBefore(info.endsAt()) ? idleEnd : info.endsAt();
			long left = Math.max(0, Duration.between(now, expiresAt).toSeconds());
			return new SessionView(info.handle(), kind, info.username(), info.admin(),
					info.signedInWith().name().toLowerCase(Locale.ROOT), info.clientAddress(), info.loginTime(),
					info.lastSeen(), expiresAt, left);
		}

	}

}
