package dev.csemu.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * Server-side sessions keyed by an unguessable id, used for Container Station sessions
 * and for QTS sids alike. A session ends after an idle time or at the end of its absolute
 * lifetime, whichever comes first, both measured on the injected clock. Each account
 * holds at most {@code maxPerUser} sessions (a new one ends that account's least recently
 * used), so one account's login flood never ends another's; {@code maxSessions} bounds
 * the whole store.
 */
public final class SessionStore {

	private static final int ID_BYTES = 32;

	private final Clock clock;

	private final RandomGenerator random;

	private final AuthProperties.Session settings;

	private final ClockTicker ticker;

	private final Cache<String, Session> sessions;

	/**
	 * Each account's sessions by id. Only configured accounts sign in, so the keys are
	 * bounded by the configuration.
	 */
	private final Map<String, Map<String, Session>> byUser = new ConcurrentHashMap<>();

	SessionStore(Clock clock, RandomGenerator random, AuthProperties.Session settings) {
		this.clock = clock;
		this.random = random;
		this.settings = settings;
		this.ticker = new ClockTicker(clock);
		this.sessions = Caffeine.newBuilder()
			.ticker(this.ticker)
			// Maintenance and removal notices on the calling thread: the per-user index
			// is up to date when a call returns.
			.executor(Runnable::run)
			.maximumSize(settings.maxSessions())
			.expireAfter(Expiry.accessing((String id, Session session) -> remaining(session)))
			.removalListener(this::forget)
			.build();
	}

	/**
	 * Opens a session under a new id of 256 random bits.
	 * @param user who signed in, under the account's configured name
	 * @param method how they signed in
	 * @param address the client's address
	 * @return the session id
	 */
	String create(SignedInUser user, SignInMethod method, String address) {
		return create(user, method, address, null, null);
	}

	/**
	 * Opens a session that belongs to another one (a Container Station session opened
	 * with a QTS sid): it ends no later than its origin would.
	 * @param user who signed in, under the account's configured name
	 * @param method how they signed in
	 * @param address the client's address
	 * @param origin the id of the session it was opened with, or null
	 * @param notAfter the origin's end of life, or null
	 * @return the session id
	 */
	String create(SignedInUser user, SignInMethod method, String address, String origin, Instant notAfter) {
		byte[] bytes = new byte[ID_BYTES];
		this.random.nextBytes(bytes);
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant deadline = user.loginTime().plus(this.settings.maxLifetime());
		if (notAfter != null && notAfter.isBefore(deadline)) {
			deadline = notAfter;
		}
		Session session = new Session(user, method, address, origin, deadline, this.clock.instant());
		this.sessions.put(id, session);
		Map<String, Session> mine = this.byUser.computeIfAbsent(user.username(), (name) -> new ConcurrentHashMap<>());
		List<String> ended = new ArrayList<>(1);
		// Only the account's own index is locked, and only to pick whom the new session
		// replaces: a flood of one account's sign-ins queues on nothing else.
		synchronized (mine) {
			while (mine.size() >= this.settings.maxPerUser()) {
				String victim = leastRecentlyUsed(mine);
				if (victim == null) {
					// Emptied meanwhile: expired sessions leave the index without this
					// lock.
					break;
				}
				mine.remove(victim);
				ended.add(victim);
			}
			mine.put(id, session);
		}
		ended.forEach(this.sessions::invalidate);
		return id;
	}

	/**
	 * The session's user, when the session is alive; a found session's idle timer starts
	 * again.
	 * @param id a session id from a client, possibly null or forged
	 * @return the signed-in user
	 */
	public Optional<SignedInUser> touch(String id) {
		return use(id).map(Session::user);
	}

	/**
	 * The live session under an id, its idle timer started again.
	 * @param id a session id from a client, possibly null or forged
	 * @return the session
	 */
	Optional<Session> use(String id) {
		if (id == null) {
			return Optional.empty();
		}
		Session session = this.sessions.getIfPresent(id);
		if (session == null) {
			return Optional.empty();
		}
		session.lastSeen = this.clock.instant();
		return Optional.of(session);
	}

	/**
	 * Ends a session.
	 * @param id the session id
	 * @return whether there was such a session
	 */
	public boolean remove(String id) {
		return end(id).isPresent();
	}

	/**
	 * Ends a session.
	 * @param id the session id, possibly null
	 * @return the session that was alive under it
	 */
	Optional<Session> end(String id) {
		if (id == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.sessions.asMap().remove(id));
	}

	/**
	 * Ends every session opened with a given one (Container Station sessions opened with
	 * a QTS sid).
	 * @param origin the id they were opened with
	 */
	void endOpenedWith(String origin) {
		this.sessions.asMap().values().removeIf((session) -> origin.equals(session.origin));
	}

	/**
	 * How many sessions are alive.
	 * @return the live session count
	 */
	public int count() {
		this.sessions.cleanUp();
		// Iteration skips sessions that have expired but are not yet dropped.
		return (int) this.sessions.asMap().keySet().stream().count();
	}

	/**
	 * The live sessions, oldest sign-in first, without their ids.
	 * @return what each session is
	 */
	public List<SessionInfo> list() {
		Instant now = this.clock.instant();
		return this.sessions.asMap()
			.entrySet()
			.stream()
			.map((entry) -> entry.getValue().describe(handleOf(entry.getKey()), now, this.settings.idleTimeout()))
			.sorted(Comparator.comparing(SessionInfo::loginTime))
			.toList();
	}

	/**
	 * Ends the session a listing names.
	 * @param handle the {@link SessionInfo#handle() handle} of a listed session
	 * @return whether there was such a session
	 */
	public boolean removeByHandle(String handle) {
		return this.sessions.asMap().keySet().removeIf((id) -> handleOf(id).equals(handle));
	}

	/**
	 * A name for a session that is not its id: the first 8 bytes of the id's SHA-256, so
	 * that a listing never hands out a cookie.
	 */
	private static String handleOf(String id) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Drops every session that has ended, so memory follows the live sessions. */
	public void purgeExpired() {
		this.sessions.cleanUp();
	}

	/** Ends every session. */
	public void clear() {
		this.sessions.invalidateAll();
		this.sessions.cleanUp();
	}

	/** Ends the account's least recently used sessions until there is room for one. */
	private static String leastRecentlyUsed(Map<String, Session> sessions) {
		String victim = null;
		Instant oldest = null;
		for (Map.Entry<String, Session> entry : sessions.entrySet()) {
			Instant lastSeen = entry.getValue().lastSeen;
			if (oldest == null || lastSeen.isBefore(oldest)) {
				victim = entry.getKey();
				oldest = lastSeen;
			}
		}
		return victim;
	}

	private void forget(String id, Session session, RemovalCause cause) {
		if (id != null && session != null && cause != RemovalCause.REPLACED) {
			Map<String, Session> mine = this.byUser.get(session.user.username());
			if (mine != null) {
				mine.remove(id);
			}
		}
	}

	private Duration remaining(Session session) {
		Duration untilDeadline = Duration.ofNanos(this.ticker.nanosUntil(this.ticker.read(), session.deadline));
		return (untilDeadline.compareTo(this.settings.idleTimeout()) < 0) ? untilDeadline : this.settings.idleTimeout();
	}

	/** How a session was opened. */
	public enum SignInMethod {

		/** A user name and password. */
		PASSWORD,

		/** A password and a 2-step verification code (QTS sign-in). */
		TWO_STEP,

		/** A QTS sid. */
		SID

	}

	/**
	 * A live session as an operator sees it; the id, a secret, is not part of it.
	 *
	 * @param handle names the session without being its id
	 * @param username the account's configured name
	 * @param admin whether the account is an administrator
	 * @param signedInWith how the session was opened
	 * @param clientAddress the address it was opened from
	 * @param loginTime when it was opened
	 * @param lastSeen when it was last used
	 * @param idleTimeLeft how long it lives without another request
	 * @param endsAt when it ends at the latest, however busy (its absolute lifetime)
	 */
	public record SessionInfo(String handle, String username, boolean admin, SignInMethod signedInWith,
			String clientAddress, Instant loginTime, Instant lastSeen, Duration idleTimeLeft, Instant endsAt) {

	}

	/** One session: immutable but for when it was last used. */
	static final class Session {

		private final SignedInUser user;

		private final SignInMethod method;

		private final String address;

		private final String origin;

		private final Instant deadline;

		private volatile Instant lastSeen;

		Session(SignedInUser user, SignInMethod method, String address, String origin, Instant deadline,
				Instant lastSeen) {
			this.user = user;
			this.method = method;
			this.address = address;
			this.origin = origin;
			this.deadline = deadline;
			this.lastSeen = lastSeen;
		}

		SignedInUser user() {
			return this.user;
		}

		String origin() {
			return this.origin;
		}

		Instant deadline() {
			return this.deadline;
		}

		SessionInfo describe(String handle, Instant now, Duration idleTimeout) {
			Instant idleEnd = this.lastSeen.plus(idleTimeout);
			Instant end = idleEnd.isBefore(this.deadline) ? idleEnd : this.deadline;
			Duration left = Duration.between(now, end);
			return new SessionInfo(handle, this.user.username(), this.user.admin(), this.method, this.address,
					this.user.loginTime(), this.lastSeen, left.isNegative() ? Duration.ZERO : left, this.deadline);
		}

	}

}
