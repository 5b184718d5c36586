package dev.csemu.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.scheduling.annotation.Scheduled;

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

	private final Cache<String, Session> sessions;

	/**
	 * Each account's sessions as of its latest sign-in, at most {@code maxPerUser}; only
	 * a sign-in reads and prunes it. Only configured accounts sign in, so the keys are
	 * bounded by the configuration.
	 */
	private final Map<String, Set<Session>> byUser = new ConcurrentHashMap<>();

	SessionStore(Clock clock, RandomGenerator random, AuthProperties.Session settings) {
		this.clock = clock;
		this.random = random;
		this.settings = settings;
		this.sessions = onClock(clock).maximumSize(settings.maxSessions())
			.expireAfter(Expiry.accessing((String id, Session session) -> {
				Duration untilDeadline = until(clock, session.deadline);
				return (untilDeadline.compareTo(settings.idleTimeout()) < 0) ? untilDeadline : settings.idleTimeout();
			}))
			.build();
	}

	/**
	 * A Caffeine builder whose time is the injected clock's, so that entries expire when
	 * the emulator's clock says so (a test that advances the clock ends them), not by the
	 * JVM's nano time. Maintenance runs on the calling thread, not in a pool.
	 */
	static Caffeine<Object, Object> onClock(Clock clock) {
		Instant origin = clock.instant();
		return Caffeine.newBuilder().executor(Runnable::run).ticker(() -> {
			// Nanoseconds from the origin fit a long within ±292 years; a clock set
			// centuries away is far enough either way, without overflow in Caffeine's
			// arithmetic.
			Instant now = clock.instant();
			try {
				return Duration.between(origin, now).toNanos();
			}
			catch (ArithmeticException ex) {
				return now.isAfter(origin) ? Long.MAX_VALUE / 4 : Long.MIN_VALUE / 4;
			}
		});
	}

	/**
	 * How long until an instant on the clock, never negative: an entry's time to live.
	 */
	static Duration until(Clock clock, Instant instant) {
		Duration left = Duration.between(clock.instant(), instant);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * Opens a session under a new id of 256 random bits. A session that belongs to
	 * another one (a Container Station session opened with a QTS sid) ends no later than
	 * its origin would.
	 * @param origin the id of the session it was opened with, or null
	 * @param notAfter the origin's end of life, or null
	 */
	Session create(String username, boolean admin, SignInMethod method, String address, String origin,
			Instant notAfter) {
		byte[] bytes = new byte[ID_BYTES];
		this.random.nextBytes(bytes);
		Instant now = this.clock.instant();
		Instant deadline = now.plus(this.settings.maxLifetime());
		if (notAfter != null && notAfter.isBefore(deadline)) {
			deadline = notAfter;
		}
		Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), username, admin,
				method, address, origin, now, deadline, new AtomicReference<>(now));
		this.sessions.put(session.id, session);
		Set<Session> mine = this.byUser.computeIfAbsent(username, (name) -> new HashSet<>());
		List<Session> ended = new ArrayList<>(1);
		// Only the account's own index is locked, and only here: a flood of one account's
		// sign-ins queues on nothing else. The sessions that ended since (expired, signed
		// out, evicted) leave it, then the new one replaces the least recently used while
		// the account is at its cap.
		synchronized (mine) {
			mine.removeIf((mate) -> !this.sessions.asMap().containsKey(mate.id));
			while (mine.size() >= this.settings.maxPerUser()) {
				Session victim = Collections.min(mine, Comparator.comparing((Session mate) -> mate.lastSeen.get()));
				mine.remove(victim);
				ended.add(victim);
			}
			mine.add(session);
		}
		ended.forEach((victim) -> this.sessions.invalidate(victim.id));
		return session;
	}

	/**
	 * The live session under an id (possibly null or forged), its idle timer started
	 * again.
	 */
	public Optional<Session> touch(String id) {
		Session session = (id != null) ? this.sessions.getIfPresent(id) : null;
		if (session == null) {
			return Optional.empty();
		}
		session.lastSeen.set(this.clock.instant());
		return Optional.of(session);
	}

	/** Ends a session, if one is alive under the id (possibly null). */
	Optional<Session> remove(String id) {
		return (id != null) ? Optional.ofNullable(this.sessions.asMap().remove(id)) : Optional.empty();
	}

	/**
	 * Ends a QTS sid of this store (possibly null or unknown) and every session of
	 * another store opened with it; tells whether the sid was alive.
	 */
	boolean endSid(String sid, SessionStore openedWith) {
		if (sid == null) {
			return false;
		}
		boolean alive = remove(sid).isPresent();
		openedWith.sessions.asMap().values().removeIf((session) -> sid.equals(session.origin));
		return alive;
	}

	/** How many sessions are alive. */
	public int count() {
		this.sessions.cleanUp();
		// Iteration skips sessions that have expired but are not yet dropped.
		return (int) this.sessions.asMap().keySet().stream().count();
	}

	/** The live sessions, oldest sign-in first, without their ids. */
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
	 * Ends the session a listing names by its {@link SessionInfo#handle() handle}, if
	 * any.
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

	/**
	 * Drops every session that has ended, every minute, so memory follows the live
	 * sessions even when no request comes to trigger Caffeine's own clean-up.
	 */
	@Scheduled(fixedDelayString = "PT1M")
	void purgeExpired() {
		this.sessions.cleanUp();
	}

	/** Ends every session. */
	public void clear() {
		this.sessions.invalidateAll();
		this.sessions.cleanUp();
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

	/**
	 * One session, the principal of the requests made with it: immutable but for when it
	 * was last used.
	 *
	 * @param id the cookie's value, a secret: never printed
	 * @param username the account's configured name
	 * @param admin whether the account is an administrator
	 * @param method how it was opened
	 * @param address the client's address it was opened from
	 * @param origin the id of the session it was opened with (a QTS sid), or null
	 * @param loginTime when it was opened
	 * @param deadline when it ends at the latest, however busy
	 * @param lastSeen when it was last used
	 */
	public record Session(String id, String username, boolean admin, SignInMethod method, String address, String origin,
			Instant loginTime, Instant deadline, AtomicReference<Instant> lastSeen) {

		/**
		 * The request attribute holding the session of a signed-in request (also set by a
		 * successful login), for observers such as the request journal.
		 */
		public static final String REQUEST_ATTRIBUTE = Session.class.getName();

		SessionInfo describe(String handle, Instant now, Duration idleTimeout) {
			Instant lastSeen = this.lastSeen.get();
			Instant idleEnd = lastSeen.plus(idleTimeout);
			Instant end = idleEnd.isBefore(this.deadline) ? idleEnd : this.deadline;
			Duration left = Duration.between(now, end);
			return new SessionInfo(handle, this.username, this.admin, this.method, this.address, this.loginTime,
					lastSeen, left.isNegative() ? Duration.ZERO : left, this.deadline);
		}

		@Override
		public String toString() {
			// Never print the session id into logs.
			return this.username;
		}

	}

}
