package dev.csemu.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Failed sign-ins counted per key (an address or an account): {@code maxFailures} within
 * {@code window} block the key for {@code block}. Nothing but time clears a failure, so a
 * success in between does not help an attacker. A record lives only while it matters (its
 * newest failure inside the window, or its block), on the injected clock; the table is
 * bounded, and pinned keys are never dropped to make room.
 */
final class FailureTable {

	private final int maxFailures;

	private final Duration window;

	private final Duration block;

	private final Clock clock;

	private final Cache<String, Failures> records;

	/**
	 * A table of failures.
	 * @param maxFailures failures that block a key; 0 turns the table off
	 * @param window how far back failures count
	 * @param block how long a key stays blocked
	 * @param clock the emulator's clock
	 * @param capacity how many unpinned keys are tracked at most
	 * @param pinned keys never dropped to make room (configured accounts)
	 */
	FailureTable(int maxFailures, Duration window, Duration block, Clock clock, long capacity,
			Predicate<String> pinned) {
		this.maxFailures = maxFailures;
		this.window = window;
		this.block = block;
		this.clock = clock;
		ClockTicker ticker = new ClockTicker(clock);
		this.records = Caffeine.newBuilder()
			.ticker(ticker)
			.executor(Runnable::run)
			.maximumWeight(capacity)
			.weigher((String key, Failures failures) -> pinned.test(key) ? 0 : 1)
			.expireAfter(Expiry.writing((String key, Failures failures) -> Duration
				.ofNanos(ticker.nanosUntil(ticker.read(), failures.relevantUntil(this.window)))))
			.build();
	}

	boolean enabled() {
		return this.maxFailures > 0;
	}

	/**
	 * When the key's block ends, if it is blocked now.
	 * @param key the address or account
	 * @return the end of the block
	 */
	Optional<Instant> blockedUntil(String key) {
		if (!enabled() || key == null) {
			return Optional.empty();
		}
		Failures failures = this.records.getIfPresent(key);
		Instant now = this.clock.instant();
		if (failures == null || failures.blockedUntil() == null || !now.isBefore(failures.blockedUntil())) {
			return Optional.empty();
		}
		return Optional.of(failures.blockedUntil());
	}

	/**
	 * Counts a failure; the one that reaches the limit blocks the key.
	 * @param key the address or account
	 * @return the end of the block this failure started, if it started one
	 */
	Optional<Instant> recordFailure(String key) {
		if (!enabled() || key == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Failures updated = this.records.asMap()
			.compute(key, (name, failures) -> ((failures != null) ? failures : Failures.NONE).plus(now, this.window,
					this.maxFailures, this.block));
		return now.plus(this.block).equals(updated.blockedUntil()) ? Optional.of(updated.blockedUntil())
				: Optional.empty();
	}

	/**
	 * The keys blocked now, the soonest released first.
	 * @return each key with the end of its block
	 */
	List<Map.Entry<String, Instant>> blocked() {
		Instant now = this.clock.instant();
		List<Map.Entry<String, Instant>> blocked = new ArrayList<>();
		this.records.asMap().forEach((key, failures) -> {
			if (failures.blockedUntil() != null && now.isBefore(failures.blockedUntil())) {
				blocked.add(Map.entry(key, failures.blockedUntil()));
			}
		});
		blocked.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
		return blocked;
	}

	void clear() {
		this.records.invalidateAll();
		this.records.cleanUp();
	}

	/**
	 * One key's failures inside the window, oldest first, or its block.
	 *
	 * @param times when the counted failures happened
	 * @param blockedUntil when the block ends, or null
	 */
	private record Failures(List<Instant> times, Instant blockedUntil) {

		static final Failures NONE = new Failures(List.of(), null);

		Failures plus(Instant now, Duration window, int maxFailures, Duration block) {
			if (this.blockedUntil != null && now.isBefore(this.blockedUntil)) {
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
