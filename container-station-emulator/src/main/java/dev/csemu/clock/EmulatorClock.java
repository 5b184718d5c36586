package dev.csemu.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * A {@link Clock} that follows real time until told otherwise: it can be set to an
 * instant, advanced, frozen and thawed, and sent back to real time. Safe for concurrent
 * use; every change is one atomic swap of an immutable state. The application's one clock
 * is in the machine's time zone (the NAS shows local time in {@code logintime}).
 */
@Component
public final class EmulatorClock extends Clock {

	private final Supplier<Instant> realTime;

	private final ZoneId zone;

	private final AtomicReference<State> state = new AtomicReference<>(State.SYSTEM);

	EmulatorClock() {
		this(ZoneId.systemDefault());
	}

	public EmulatorClock(ZoneId zone) {
		this(Instant::now, zone);
	}

	EmulatorClock(Supplier<Instant> realTime, ZoneId zone) {
		this.realTime = realTime;
		this.zone = zone;
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Objects.equals(zone, this.zone) ? this : ((InstantSource) this::instant).withZone(zone);
	}

	@Override
	public Instant instant() {
		return this.state.get().at(this.realTime.get());
	}

	/**
	 * Moves the clock to the given instant; it keeps running (or stays frozen) from
	 * there.
	 * @param now the new current instant
	 */
	public void set(Instant now) {
		Instant real = this.realTime.get();
		this.state.updateAndGet((current) -> new State(false, current.frozen, now, real));
	}

	/**
	 * Moves the clock forward (or back, with a negative duration).
	 * @param amount how far
	 */
	public void advance(Duration amount) {
		Instant real = this.realTime.get();
		this.state.updateAndGet((current) -> new State(false, current.frozen, current.at(real).plus(amount), real));
	}

	/**
	 * Stops or restarts the clock at its current instant.
	 * @param frozen true to stop it
	 */
	public void freeze(boolean frozen) {
		Instant real = this.realTime.get();
		this.state.updateAndGet((current) -> new State(false, frozen, current.at(real), real));
	}

	/** Back to real time. */
	public void useSystemTime() {
		this.state.set(State.SYSTEM);
	}

	/**
	 * Whether the clock follows real time: true unless it was set, advanced or frozen.
	 */
	public boolean isSystem() {
		return this.state.get().system;
	}

	public boolean isFrozen() {
		return this.state.get().frozen;
	}

	/** How far the clock is from real time (zero when it follows it). */
	public Duration offset() {
		Instant real = this.realTime.get();
		return Duration.between(real, this.state.get().at(real));
	}

	private record State(boolean system, boolean frozen, Instant base, Instant realAtBase) {

		static final State SYSTEM = new State(true, false, null, null);

		Instant at(Instant real) {
			if (this.system) {
				return real;
			}
			return this.frozen ? this.base : this.base.plus(Duration.between(this.realAtBase, real));
		}

	}

}
