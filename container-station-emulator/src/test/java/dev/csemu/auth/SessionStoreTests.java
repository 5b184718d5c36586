package dev.csemu.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.csemu.auth.SessionStore.SessionInfo;
import dev.csemu.auth.SessionStore.SignInMethod;
import dev.csemu.clock.EmulatorClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTests {

	private final EmulatorClock clock = new EmulatorClock(ZoneOffset.UTC);

	private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

	private SessionStore store(int maxSessions, int maxPerUser) {
		this.clock.freeze(true);
		this.clock.set(this.start);
		return new SessionStore(this.clock, new SecureRandom(),
				new AuthProperties.Session(Duration.ofMinutes(30), maxSessions, Duration.ofHours(24), maxPerUser));
	}

	private String signIn(SessionStore store, String name) {
		return store.create(name, "admin".equals(name), SignInMethod.PASSWORD, "127.0.0.1", null, null).id();
	}

	@Test
	void oneAccountsLoginFloodLeavesAnotherAccountsOlderSessionAlive() {
		SessionStore store = store(10_000, 64);
		String bob = signIn(store, "bob");
		List<String> flood = new ArrayList<>();
		for (int i = 0; i < 12_000; i++) {
			this.clock.advance(Duration.ofMillis(1));
			flood.add(signIn(store, "alice"));
		}
		assertThat(store.touch(bob)).isPresent();
		assertThat(store.count()).isEqualTo(65);
		assertThat(store.touch(flood.get(flood.size() - 1))).isPresent();
		assertThat(store.touch(flood.get(flood.size() - 64))).isPresent();
		assertThat(store.touch(flood.get(flood.size() - 65))).isEmpty();
		assertThat(store.touch(flood.get(0))).isEmpty();
	}

	@Test
	void beyondItsCapAnAccountLosesItsLeastRecentlyUsedSession() {
		SessionStore store = store(100, 3);
		String a = signIn(store, "admin");
		this.clock.advance(Duration.ofSeconds(1));
		String b = signIn(store, "admin");
		this.clock.advance(Duration.ofSeconds(1));
		String c = signIn(store, "admin");
		this.clock.advance(Duration.ofSeconds(1));
		store.touch(a);
		this.clock.advance(Duration.ofSeconds(1));
		String d = signIn(store, "admin");
		assertThat(store.touch(b)).isEmpty();
		assertThat(store.touch(a)).isPresent();
		assertThat(store.touch(c)).isPresent();
		assertThat(store.touch(d)).isPresent();
		assertThat(store.count()).isEqualTo(3);
	}

	@Test
	void aFloodOfManyAccountsNeverHoldsMoreThanTheGlobalCap() {
		SessionStore store = store(100, 64);
		String last = null;
		for (int i = 0; i < 12_000; i++) {
			last = signIn(store, "user" + (i % 1000));
		}
		assertThat(store.count()).isEqualTo(100);
		assertThat(store.touch(last)).isPresent();
	}

	@Test
	void idsAreUniqueAndCarry256RandomBits() {
		SessionStore store = store(10_000, 10_000);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(signIn(store, "admin"));
		}
		assertThat(ids).hasSize(1000).allSatisfy((id) -> assertThat(id).hasSize(43));
	}

	@Test
	void idleSessionsExpireOnTheClockAndArePurged() {
		SessionStore store = store(10, 10);
		String a = signIn(store, "admin");
		String b = signIn(store, "admin");
		this.clock.advance(Duration.ofMinutes(20));
		store.touch(a);
		this.clock.advance(Duration.ofMinutes(20));
		assertThat(store.count()).isEqualTo(1);
		assertThat(store.touch(b)).isEmpty();
		assertThat(store.touch(a)).isPresent();
		store.remove(a);
		assertThat(store.count()).isZero();
	}

	@Test
	void aBusySessionEndsAtItsAbsoluteLifetimeAndOneOpenedFromItNoLater() {
		SessionStore store = store(10, 10);
		String busy = signIn(store, "admin");
		for (int i = 0; i < 48; i++) {
			this.clock.advance(Duration.ofMinutes(29).plusSeconds(59));
			assertThat(store.touch(busy)).isPresent();
		}
		Instant deadline = this.start.plus(Duration.ofHours(24));
		String child = store.create("admin", true, SignInMethod.SID, "127.0.0.1", busy, deadline).id();
		this.clock.set(deadline.minusSeconds(1));
		assertThat(store.touch(busy)).isPresent();
		assertThat(store.touch(child)).isPresent();
		this.clock.set(deadline);
		assertThat(store.touch(busy)).isEmpty();
		assertThat(store.touch(child)).isEmpty();
		assertThat(store.count()).isZero();
	}

	@Test
	void listDescribesEveryLiveSessionWithoutItsId() {
		SessionStore store = store(10, 10);
		String alice = store.create("alice", false, SignInMethod.PASSWORD, "127.0.0.7", null, null).id();
		this.clock.advance(Duration.ofMinutes(5));
		String admin = store
			.create("admin", true, SignInMethod.SID, "10.0.0.2", "some-sid",
					this.clock.instant().plus(Duration.ofHours(1)))
			.id();
		this.clock.advance(Duration.ofMinutes(10));
		store.touch(alice);
		this.clock.advance(Duration.ofMinutes(5));
		String gone = signIn(store, "bob");
		store.remove(gone);

		List<SessionInfo> sessions = store.list();

		assertThat(sessions).extracting(SessionInfo::handle).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(sessions).containsExactly(
				new SessionInfo(sessions.get(0).handle(), "alice", false, SignInMethod.PASSWORD, "127.0.0.7",
						this.start, this.start.plus(Duration.ofMinutes(15)), Duration.ofMinutes(25),
						this.start.plus(Duration.ofHours(24))),
				new SessionInfo(sessions.get(1).handle(), "admin", true, SignInMethod.SID, "10.0.0.2",
						this.start.plus(Duration.ofMinutes(5)), this.start.plus(Duration.ofMinutes(5)),
						Duration.ofMinutes(15), this.start.plus(Duration.ofMinutes(65))));
		assertThat(sessions.toString()).doesNotContain(alice).doesNotContain(admin).doesNotContain("some-sid");
	}

	@Test
	void aListedSessionIsEndedByItsHandleNeverByGuessing() {
		SessionStore store = store(10, 10);
		String alice = signIn(store, "alice");
		String bob = signIn(store, "bob");
		SessionInfo listed = store.list()
			.stream()
			.filter((session) -> session.username().equals("alice"))
			.findFirst()
			.orElseThrow();
		assertThat(store.removeByHandle("0000000000000000")).isFalse();
		assertThat(store.removeByHandle(listed.handle())).isTrue();
		assertThat(store.touch(alice)).isEmpty();
		assertThat(store.touch(bob)).isPresent();
	}

	@Test
	void clearEndsEverySession() {
		SessionStore store = store(10, 10);
		String a = signIn(store, "admin");
		store.clear();
		assertThat(store.touch(a)).isEmpty();
		assertThat(store.count()).isZero();
		assertThat(store.list()).isEmpty();
	}

}
