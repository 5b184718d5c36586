package dev.csemu.control;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.web.ApiException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The emulator's clock: read it, set it, advance it, freeze it, or send it back to real
 * time.
 */
@ControlApi
class ClockController {

	/** The earliest instant the clock may show. */
	static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	/** The clock stays before this instant. */
	static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

	private final EmulatorClock clock;

	ClockController(EmulatorClock clock) {
		this.clock = clock;
	}

	@GetMapping("/clock")
	ClockView get() {
		return ClockView.of(this.clock);
	}

	@PutMapping("/clock")
	ClockView put(@RequestBody ClockRequest request) {
		if (request.now() == null && request.advance() == null && request.frozen() == null
				&& request.system() == null) {
			throw ApiException.badRequest("give now, advance, frozen or system");
		}
		Instant now = (request.now() != null) ? IsoInstants.parse(request.now(), "now") : null;
		Duration advance = (request.advance() != null) ? parseDuration(request.advance()) : null;
		checkWithinBounds(request, now, advance);
		if (Boolean.TRUE.equals(request.system())) {
			this.clock.useSystemTime();
		}
		if (Boolean.TRUE.equals(request.frozen())) {
			// Frozen first, so that "now" is exactly the instant asked for.
			this.clock.freeze(true);
		}
		if (now != null) {
			this.clock.set(now);
		}
		if (advance != null) {
			this.clock.advance(advance);
		}
		if (Boolean.FALSE.equals(request.frozen())) {
			this.clock.freeze(false);
		}
		return ClockView.of(this.clock);
	}

	/**
	 * Refuses a change that would take the clock outside {@link #EARLIEST} to
	 * {@link #LATEST}: beyond, certificates (valid 1080 days from now) and four-digit
	 * dates cannot be made, and instant arithmetic overflows, so every later request
	 * would fail.
	 */
	private void checkWithinBounds(ClockRequest request, Instant now, Duration advance) {
		Instant target = Boolean.TRUE.equals(request.system()) ? Instant.now() : this.clock.instant();
		if (now != null) {
			target = now;
		}
		try {
			if (advance != null) {
				target = target.plus(advance);
			}
		}
		catch (DateTimeException | ArithmeticException ex) {
			target = null;
		}
		if (target == null || target.isBefore(EARLIEST) || !target.isBefore(LATEST)) {
			throw ApiException.badRequest("the clock must stay from " + EARLIEST + " to before " + LATEST);
		}
	}

	private static Duration parseDuration(String value) {
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badRequest("advance must be an ISO-8601 duration such as P30D or PT1H");
		}
	}

	/**
	 * A change to the clock: back to real time, frozen, moved to {@code now}, advanced,
	 * thawed, in that order, for the fields given.
	 *
	 * @param system true: back to real time
	 * @param now the instant to move to (ISO-8601)
	 * @param advance how far to move forward, or back when negative (ISO-8601 duration)
	 * @param frozen stop or restart the clock
	 */
	record ClockRequest(Boolean system, String now, String advance, Boolean frozen) {
	}

	/**
	 * The clock as it stands.
	 *
	 * @param now the current instant
	 * @param zone the time zone of {@code logintime} and the report
	 * @param system whether it follows real time
	 * @param frozen whether it stands still
	 * @param offset how far it is from real time
	 */
	record ClockView(Instant now, String zone, boolean system, boolean frozen, Duration offset) {

		static ClockView of(EmulatorClock clock) {
			return new ClockView(clock.instant(), clock.getZone().getId(), clock.isSystem(), clock.isFrozen(),
					clock.offset());
		}

	}

}
