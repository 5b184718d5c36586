package dev.csemu.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.csemu.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

/**
 * QTS's "IP Access Protection" and "Account Access Protection": failed sign-ins from one
 * address block that address, and failed passwords or 2-step codes for one account lock
 * that account whatever the address, each for {@code block}, on the injected clock. Also
 * remembers each account's last accepted 2-step code, so that no code is accepted twice
 * (RFC 6238 §5.2).
 *
 * <p>
 * Nothing but time clears a failure, so a success in between does not help an attacker. A
 * key's failures live only while they matter (its newest failure inside the window, or
 * its block); each table is bounded, and configured accounts are never dropped to make
 * room.
 */
public final class AccessProtection {

	private static final Logger logger = LoggerFactory.getLogger(AccessProtection.class);

	/**
	 * Addresses, and names that are no account, tracked at most: a scan cannot exhaust
	 * memory.
	 */
	private static final int MAX_TRACKED = 10_000;

	private final AuthProperties.AccessProtection settings;

	private final Clock clock;

	private final Cache<String, Failures> addresses;

	private final Cache<String, Failures> accounts;

	/** The time step of each 2-step account's last accepted code. */
	private final Map<String, Long> usedTwoStepSteps = new ConcurrentHashMap<>();

	/** The predicate tells whether an account key names a configured account. */
	AccessProtection(AuthProperties.AccessProtection settings, Clock clock, Predicate<String> configuredAccount) {
		this.settings = settings;
		this.clock = clock;
		this.addresses = table((address) -> false);
		this.accounts = table(configuredAccount);
	}

	private Cache<String, Failures> table(Predicate<String> pinned) {
		return SessionStore.onClock(this.clock)
			.maximumWeight(MAX_TRACKED)
			.weigher((String key, Failures failures) -> pinned.test(key) ? 0 : 1)
			.expireAfter(Expiry.writing((String key, Failures failures) -> SessionStore.until(this.clock,
					failures.relevantUntil(this.settings.window()))))
			.build();
	}

	/**
	 * Refuses a sign-in from a blocked address or for a locked account (null when the
	 * sign-in names none, a sid).
	 * @throws SignInBlockedException while the address is blocked or the account locked
	 */
	void checkAllowed(String address, String account) {
		blockedUntil(this.addresses, this.settings.maxFailures(), address).ifPresent((until) -> {
			throw new SignInBlockedException("from " + address + "; blocked", until.atZone(this.clock.getZone()));
		});
		// Names no account: the answer must not tell whether the name exists.
		blockedUntil(this.accounts, this.settings.accountMaxFailures(), account).ifPresent((until) -> {
			throw new SignInBlockedException("for this account; locked", until.atZone(this.clock.getZone()));
		});
	}

	/**
	 * Counts a failed sign-in against the address and the account; the one that reaches a
	 * limit blocks the address or locks the account.
	 */
	void recordFailure(String address, String account) {
		recordFailure(this.addresses, this.settings.maxFailures(), address,
				"IP access protection: {} failed sign-ins from {} within {}; blocked until {}");
		recordFailure(this.accounts, this.settings.accountMaxFailures(), account,
				"Account access protection: {} failed sign-ins for account '{}' within {}; locked until {}");
	}

	/**
	 * The account, when the password is its own: refused while the address is blocked or
	 * the account locked, and a failure counts against both.
	 */
	Optional<Accounts.Account> checkPassword(Accounts accounts, String username, String password, String address) {
		String key = accounts.key(username);
		checkAllowed(address, key);
		Optional<Accounts.Account> account = accounts.verify(username, password);
		if (account.isEmpty()) {
			recordFailure(address, key);
		}
		return account;
	}

	private Optional<Instant> blockedUntil(Cache<String, Failures> table, int maxFailures, String key) {
		Failures failures = (maxFailures > 0 && key != null) ? table.getIfPresent(key) : null;
		return (failures != null) ? failures.blockedAt(this.clock.instant()) : Optional.empty();
	}

	/** Counts a failure, and warns when it starts a block. */
	private void recordFailure(Cache<String, Failures> table, int maxFailures, String key, String warning) {
		if (maxFailures <= 0 || key == null) {
			return;
		}
		Instant now = this.clock.instant();
		Failures updated = table.asMap()
			.compute(key, (name, failures) -> ((failures != null) ? failures : Failures.NONE).plus(now,
					this.settings.window(), maxFailures, this.settings.block()));
		if (now.plus(this.settings.block()).equals(updated.blockedUntil())) {
			logger.warn(warning, maxFailures, key, this.settings.window(), updated.blockedUntil());
		}
	}

	/**
	 * Takes a 2-step code's time step for an account, once: a step that is not newer than
	 * the last one accepted is a replay.
	 */
	boolean claimTwoStepStep(String account, long step) {
		AtomicBoolean claimed = new AtomicBoolean();
		this.usedTwoStepSteps.compute(account, (name, last) -> {
			if (last != null && step <= last) {
				return last;
			}
			claimed.set(true);
			return step;
		});
		return claimed.get();
	}

	/** The addresses blocked and the accounts locked now, the soonest released first. */
	public List<Block> blocks() {
		Instant now = this.clock.instant();
		List<Block> blocks = new ArrayList<>();
		Map.of(Kind.ADDRESS, this.addresses, Kind.ACCOUNT, this.accounts)
			.forEach((kind, table) -> table.asMap()
				.forEach((key, failures) -> failures.blockedAt(now)
					.ifPresent((until) -> blocks.add(new Block(kind, key, until)))));
		blocks.sort(Comparator.comparing(Block::until));
		return blocks;
	}

	/** Lifts every block, forgets every failure and every used 2-step code. */
	public void clear() {
		Stream.of(this.addresses, this.accounts).forEach((table) -> {
			table.invalidateAll();
			table.cleanUp();
		});
		this.usedTwoStepSteps.clear();
	}

	/**
	 * A sign-in refused, whatever the credentials, because the client's address is
	 * blocked or the account is locked after repeated failures.
	 */
	static final class SignInBlockedException extends ApiException {

		private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

		SignInBlockedException(String what, ZonedDateTime until) {
			super(HttpStatus.FORBIDDEN, "too many failed sign-ins " + what + " until " + FORMAT.format(until));
		}

	}

	/** What a block holds back. */
	public enum Kind {

		/** A client address: every sign-in from it. */
		ADDRESS,

		/** An account: every sign-in to it, from any address. */
		ACCOUNT

	}

	/**
	 * A block in force.
	 *
	 * @param kind an address or an account
	 * @param name the address, or the account's configured name (a name that is no
	 * account, in lower case)
	 * @param until when it is released
	 */
	public record Block(Kind kind, String name, Instant until) {

	}

	/**
	 * One key's failures inside the window, oldest first, or its block.
	 *
	 * @param times when the counted failures happened
	 * @param blockedUntil when the block ends, or null
	 */
	private record Failures(List<Instant> times, Instant blockedUntil) {

		static final Failures NONE = new Failures(List.of(), null);

		Optional<Instant> blockedAt(Instant now) {
			return (this.blockedUntil != null && now.isBefore(this.blockedUntil)) ? Optional.of(this.blockedUntil)
					: Optional.empty();
		}

		Failures plus(Instant now, Duration window, int maxFailures, Duration block) {
			if (blockedAt(now).isPresent()) {
				return this;
			}
			Instant horizon = now.minus(window);
			List<Instant> counted = new ArrayList<>(this.times.size() + 1);
			this.times.stream().filter((time) -> time.isAfter(horizon)).forEach(counted::add);
			counted.add(now);
			if (counted.size() >= maxFailures) {
				return new Failures(List.of(), now.plus(block));
			}
			return new Failures(List.copyOf(counted), null);
		}

		Instant relevantUntil(Duration window) {
			Instant countedUntil = this.times.isEmpty() ? Instant.MIN
					: this.times.get(this.times.size() - 1).plus(window);
			return (this.blockedUntil != null && this.blockedUntil.isAfter(countedUntil)) ? this.blockedUntil
					: countedUntil;
		}

	}

}
