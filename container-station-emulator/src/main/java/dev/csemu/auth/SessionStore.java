package dev.csemu.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Server-side sessions keyed by an unguessable id, expired after an idle time measured on
 * the injected clock, and bounded: beyond {@code maxSessions} the least recently used
 * session is dropped. Used for Container Station sessions and for QTS sids alike.
 */
public final class SessionStore {

	private static final int ID_BYTES = 32;

	private final Clock clock;

	private final RandomGenerator random;

	private final Duration idleTimeout;

	private final int maxSessions;

	/** Access-ordered: iteration starts at the least recently used session. */
	private final LinkedHashMap<String, Entry> sessions;

	SessionStore(Clock clock, RandomGenerator random, Duration idleTimeout, int maxSessions) {
		this.clock = clock;
		this.random = random;
		this.idleTimeout = idleTimeout;
		this.maxSessions = maxSessions;
		this.sessions = new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
				return size() > SessionStore.this.maxSessions;
			}

		};
	}

	/**
	 * Opens a session under a new id of 256 random bits.
	 * @param user who signed in
	 * @return the session id
	 */
	public String create(SignedInUser user) {
		return create(user, null, null);
	}

	/**
	 * Opens a session under a new id of 256 random bits, remembering how and from where.
	 * @param user who signed in
	 * @param via how ({@code password}, {@code sid} or {@code qts}), or null
	 * @param address the client's address, or null
	 * @return the session id
	 */
	public String create(SignedInUser user, String via, String address) {
		byte[] bytes = new byte[ID_BYTES];
		this.random.nextBytes(bytes);
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			this.sessions.put(id, new Entry(user, via, address, now));
		}
		return id;
	}

	/**
	 * The session's user, when the session exists and has not been idle too long; a found
	 * session's idle timer starts again.
	 * @param id a session id from a client, possibly null or forged
	 * @return the signed-in user
	 */
	public Optional<SignedInUser> touch(String id) {
		if (id == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			Entry entry = this.sessions.get(id);
			if (entry == null) {
				return Optional.empty();
			}
			if (isExpired(entry, now)) {
				this.sessions.remove(id);
				return Optional.empty();
			}
			entry.lastAccess = now;
			return Optional.of(entry.user);
		}
	}

	/**
	 * Ends a session.
	 * @param id the session id
	 * @return whether there was such a session
	 */
	public boolean remove(String id) {
		if (id == null) {
			return false;
		}
		synchronized (this.sessions) {
			return this.sessions.remove(id) != null;
		}
	}

	/**
	 * How many sessions are alive, after dropping the expired ones.
	 * @return the live session count
	 */
	public int count() {
		purgeExpired();
		synchronized (this.sessions) {
			return this.sessions.size();
		}
	}

	/** Drops every session that has been idle too long. */
	public void purgeExpired() {
		Instant now = this.clock.instant();
		synchronized (this.sessions) {
			Iterator<Entry> entries = this.sessions.values().iterator();
			while (entries.hasNext()) {
				if (isExpired(entries.next(), now)) {
					entries.remove();
				}
			}
		}
	}

	/**
	 * The live sessions, least recently used first, each under a handle that names it
	 * without revealing its id.
	 * @return a copy
	 */
	public List<SessionListing> list() {
		purgeExpired();
		List<SessionListing> listing = new ArrayList<>();
		synchronized (this.sessions) {
			this.sessions.forEach((id, entry) -> listing.add(new SessionListing(handle(id), entry.user, entry.via,
					entry.address, entry.lastAccess, entry.lastAccess.plus(this.idleTimeout))));
		}
		return listing;
	}

	/**
	 * Ends the session a {@link #list()} handle names.
	 * @param handle the handle
	 * @return whether there was such a session
	 */
	public boolean removeByHandle(String handle) {
		synchronized (this.sessions) {
			return this.sessions.keySet().removeIf((id) -> handle(id).equals(handle));
		}
	}

	private static String handle(String id) {
		// A one-way digest: listing sessions never hands out a cookie.
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** Ends every session. */
	public void clear() {
		synchronized (this.sessions) {
			this.sessions.clear();
		}
	}

	private boolean isExpired(Entry entry, Instant now) {
		return entry.lastAccess.plus(this.idleTimeout).isBefore(now);
	}

	private static final class Entry {

		private final SignedInUser user;

		private final String via;

		private final String address;

		private Instant lastAccess;

		Entry(SignedInUser user, String via, String address, Instant lastAccess) {
			this.user = user;
			this.via = via;
			this.address = address;
			this.lastAccess = lastAccess;
		}

	}

}
