package dev.csemu.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.csemu.clock.EmulatorClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTests {

	private final EmulatorClock clock = new EmulatorClock(ZoneOffset.UTC);

	private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

	private SessionStore store(int max) {
		this.clock.set(this.start);
		this.clock.freeze(true);
		return new SessionStore(this.clock, new SecureRandom(), Duration.ofMinutes(30), max);
	}

	private SignedInUser admin() {
		return new SignedInUser("admin", true, this.start);
	}

	@Test
	void beyondTheCapTheLeastRecentlyUsedSessionIsDropped() {
		SessionStore store = store(3);
		String a = store.create(admin());
		String b = store.create(admin());
		String c = store.create(admin());
		store.touch(a);
		String d = store.create(admin());
		assertThat(store.touch(b)).isEmpty();
		assertThat(store.touch(a)).isPresent();
		assertThat(store.touch(c)).isPresent();
		assertThat(store.touch(d)).isPresent();
		assertThat(store.count()).isEqualTo(3);
	}

	@Test
	void theListingNamesSessionsByAHandleThatEndsThemButNeverByTheirId() {
		SessionStore store = store(10);
		String id = store.create(admin(), "password", "192.0.2.1");
		String other = store.create(admin(), "sid", "192.0.2.2");
		this.clock.advance(Duration.ofMinutes(10));
		Instant seen = this.clock.instant();
		store.touch(id);
		List<SessionListing> listing = store.list();
		assertThat(listing).hasSize(2);
		SessionListing first = listing.stream().filter((s) -> "password".equals(s.via())).findFirst().orElseThrow();
		assertThat(first.address()).isEqualTo("192.0.2.1");
		assertThat(first.lastSeen()).isEqualTo(seen);
		assertThat(first.expiresAt()).isEqualTo(seen.plus(Duration.ofMinutes(30)));
		assertThat(listing).allSatisfy((s) -> assertThat(s.toString()).doesNotContain(id).doesNotContain(other));
		assertThat(store.removeByHandle("0000000000000000")).isFalse();
		assertThat(store.removeByHandle(first.handle())).isTrue();
		assertThat(store.touch(id)).isEmpty();
		assertThat(store.touch(other)).isPresent();
	}

	@Test
	void aLoginFloodNeverHoldsMoreThanTheCap() {
		SessionStore store = store(100);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 12_000; i++) {
			ids.add(store.create(admin()));
		}
		assertThat(store.count()).isEqualTo(100);
		assertThat(store.touch(ids.get(ids.size() - 1))).isPresent();
		assertThat(store.touch(ids.get(0))).isEmpty();
	}

	@Test
	void idsAreUniqueAndCarry256RandomBits() {
		SessionStore store = store(10_000);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(store.create(admin()));
		}
		assertThat(ids).hasSize(1000).allSatisfy((id) -> assertThat(id).hasSize(43));
	}

	@Test
	void idleSessionsExpireOnTheClockAndArePurged() {
		SessionStore store = store(10);
		String a = store.create(admin());
		String b = store.create(admin());
		this.clock.advance(Duration.ofMinutes(20));
		store.touch(a);
		this.clock.advance(Duration.ofMinutes(20));
		assertThat(store.count()).isEqualTo(1);
		assertThat(store.touch(b)).isEmpty();
		assertThat(store.touch(a)).isPresent();
		store.remove(a);
		assertThat(store.count()).isZero();
	}

}
