package dev.csemu.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmulatorClockTests {

	private final AtomicReference<Instant> real = new AtomicReference<>(Instant.parse("2026-05-01T10:00:00Z"));

	private final EmulatorClock clock = new EmulatorClock(this.real::get, ZoneOffset.UTC);

	@Test
	void followsRealTimeByDefault() {
		assertThat(this.clock.isSystem()).isTrue();
		this.real.set(this.real.get().plusSeconds(5));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-05-01T10:00:05Z"));
	}

	@Test
	void setMovesTheClockWhichKeepsRunning() {
		this.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
		this.real.set(this.real.get().plusSeconds(10));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:10Z"));
		assertThat(this.clock.offset()).isPositive();
	}

	@Test
	void advanceAddsToTheCurrentInstant() {
		this.clock.advance(Duration.ofDays(1060));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z").plus(Duration.ofDays(1060)));
	}

	@Test
	void frozenClockStandsStillUntilThawed() {
		this.clock.freeze(true);
		this.real.set(this.real.get().plusSeconds(60));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-05-01T10:00:01Z"));
		this.clock.freeze(false);
		this.real.set(this.real.get().plusSeconds(2));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-05-01T10:00:03Z"));
	}

	@Test
	void systemTimeUndoesEverything() {
		this.clock.advance(Duration.ofDays(3));
		this.clock.freeze(true);
		this.clock.useSystemTime();
		assertThat(this.clock.isSystem()).isTrue();
		assertThat(this.clock.isFrozen()).isFalse();
		assertThat(this.clock.instant()).isEqualTo(this.real.get());
	}

	@Test
	void aViewInAnotherZoneFollowsTheClock() {
		Clock paris = this.clock.withZone(ZoneId.of("Europe/Paris"));
		this.clock.advance(Duration.ofHours(1));
		assertThat(paris.instant()).isEqualTo(Instant.parse("2026-05-01T11:00:00Z"));
		assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(this.clock.withZone(ZoneOffset.UTC)).isSameAs(this.clock);
	}

}
