package dev.csemu.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.csemu.auth.AccessProtection.Block;
import dev.csemu.auth.AccessProtection.Kind;
import dev.csemu.auth.AccessProtection.SignInBlockedException;
import dev.csemu.clock.EmulatorClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessProtectionTests {

	private final EmulatorClock clock = new EmulatorClock(ZoneOffset.UTC);

	private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

	private AccessProtection protection;

	@BeforeEach
	void frozenClock() {
		this.clock.freeze(true);
		this.clock.set(this.start);
		this.protection = new AccessProtection(
				new AuthProperties.AccessProtection(3, Duration.ofMinutes(1), Duration.ofMinutes(5), 4), this.clock,
				"alice"::equals);
	}

	@Test
	void failuresForOneAccountFromManyAddressesLockItEverywhereUntilTheBlockEnds() {
		for (int i = 1; i <= 4; i++) {
			this.protection.recordFailure("10.0.0." + i, "alice");
		}
		assertThatThrownBy(() -> this.protection.checkAllowed("10.0.0.9", "alice"))
			.isInstanceOf(SignInBlockedException.class)
			.hasMessage("too many failed sign-ins for this account; locked until 2026-01-01 00:05:00");
		assertThatNoException().isThrownBy(() -> this.protection.checkAllowed("10.0.0.9", "bob"));
		this.clock.advance(Duration.ofMinutes(5));
		assertThatNoException().isThrownBy(() -> this.protection.checkAllowed("10.0.0.9", "alice"));
	}

	@Test
	void failuresAgeOutOfTheWindowOnTheClock() {
		this.protection.recordFailure("10.0.0.1", "alice");
		this.protection.recordFailure("10.0.0.1", "alice");
		this.clock.advance(Duration.ofSeconds(61));
		this.protection.recordFailure("10.0.0.1", "alice");
		assertThatNoException().isThrownBy(() -> this.protection.checkAllowed("10.0.0.1", "alice"));
		this.protection.recordFailure("10.0.0.1", "alice");
		this.protection.recordFailure("10.0.0.1", "alice");
		assertThatThrownBy(() -> this.protection.checkAllowed("10.0.0.1", "bob"))
			.hasMessageContaining("from 10.0.0.1; blocked until");
	}

	@Test
	void blocksListsBlockedAddressesAndLockedAccountsWithTheirReleaseTime() {
		for (int i = 0; i < 3; i++) {
			this.protection.recordFailure("10.0.0.1", null);
		}
		this.clock.advance(Duration.ofMinutes(1));
		for (int i = 2; i <= 5; i++) {
			this.protection.recordFailure("10.0.0." + i, "alice");
		}
		this.protection.recordFailure("10.0.0.6", "mallory");

		assertThat(this.protection.blocks()).containsExactly(
				new Block(Kind.ADDRESS, "10.0.0.1", this.start.plus(Duration.ofMinutes(5))),
				new Block(Kind.ACCOUNT, "alice", this.start.plus(Duration.ofMinutes(6))));
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.protection.blocks())
			.containsExactly(new Block(Kind.ACCOUNT, "alice", this.start.plus(Duration.ofMinutes(6))));
		this.protection.clear();
		assertThat(this.protection.blocks()).isEmpty();
	}

	@Test
	void aTwoStepCodesStepIsTakenOnceAndNeverAnOlderOne() {
		assertThat(this.protection.claimTwoStepStep("alice", 100)).isTrue();
		assertThat(this.protection.claimTwoStepStep("alice", 100)).isFalse();
		assertThat(this.protection.claimTwoStepStep("alice", 99)).isFalse();
		assertThat(this.protection.claimTwoStepStep("bob", 100)).isTrue();
		assertThat(this.protection.claimTwoStepStep("alice", 101)).isTrue();
	}

	@Test
	void zeroTurnsEachProtectionOff() {
		AccessProtection off = new AccessProtection(
				new AuthProperties.AccessProtection(0, Duration.ofMinutes(1), Duration.ofMinutes(5), 0), this.clock,
				"alice"::equals);
		for (int i = 0; i < 100; i++) {
			off.recordFailure("10.0.0.1", "alice");
		}
		assertThatNoException().isThrownBy(() -> off.checkAllowed("10.0.0.1", "alice"));
		assertThat(off.blocks()).isEmpty();
	}

}
