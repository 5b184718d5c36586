package dev.csemu.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Caffeine's time source read from the injected clock, so that sessions and sign-in
 * failures expire when the emulator's clock says so (a test that advances the clock ends
 * them), not by the JVM's nano time.
 */
final class ClockTicker implements Ticker {

	/**
	 * Nanoseconds are counted from here, so any instant within ±292 years fits a long.
	 */
	private final Instant origin;

	private final Clock clock;

	ClockTicker(Clock clock) {
		this.clock = clock;
		this.origin = clock.instant();
	}

	@Override
	public long read() {
		return nanosAt(this.clock.instant());
	}

	/**
	 * The ticker's reading at an instant.
	 * @param instant any instant
	 * @return nanoseconds since the origin, saturated far outside the clock's range
	 */
	long nanosAt(Instant instant) {
		try {
			return Duration.between(this.origin, instant).toNanos();
		}
		catch (ArithmeticException ex) {
			// A clock set centuries away: far enough either way, without overflow in
			// Caffeine's arithmetic.
			return instant.isAfter(this.origin) ? Long.MAX_VALUE / 4 : Long.MIN_VALUE / 4;
		}
	}

	/**
	 * Nanoseconds from the ticker's reading {@code now} until an instant, never negative.
	 * @param now the ticker's current reading
	 * @param until the instant
	 * @return how long until then, or 0 when it has passed
	 */
	long nanosUntil(long now, Instant until) {
		return Math.max(0, nanosAt(until) - now);
	}

}
