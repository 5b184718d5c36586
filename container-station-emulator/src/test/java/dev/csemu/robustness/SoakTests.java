package dev.csemu.robustness;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.csemu.auth.SessionStore;
import dev.csemu.clock.EmulatorClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak over loopback: users signing in (with a password or a QTS sid),
 * refreshing, reading every host and TLS route and signing out, while an administrator
 * exports bundles and another rotates the client certificate and changes the domain
 * names, all at once. Every answer is the one expected, every exported bundle holds
 * together, the sessions left behind expire on the injected clock down to the count
 * before the soak, and the heap does not grow. Bounded in time
 * ({@code -Drobustness.soak.seconds}, 8 by default: a few thousand requests, dozens of
 * exports and rotations; give it minutes for a real soak) and in iterations.
 */
@RobustnessTest
class SoakTests {

	private static final Logger logger = LoggerFactory.getLogger(SoakTests.class);

	private static final Duration DURATION = Duration.ofSeconds(Long.getLong("robustness.soak.seconds", 8));

	private static final int USERS = 3;

	private static final int MAX_ITERATIONS = 5_000;

	private static final int MAX_ABANDONED_SESSIONS = 150;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiClient api;

	private final EmulatorClock clock;

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicInteger abandoned = new AtomicInteger();

	private final AtomicInteger exports = new AtomicInteger();

	private final AtomicInteger rotations = new AtomicInteger();

	private volatile long deadline;

	@Autowired
	SoakTests(@LocalServerPort int port, EmulatorClock clock, @Qualifier("sessionStore") SessionStore sessions,
			@Qualifier("qtsSidStore") SessionStore qtsSids) {
		this.api = new ApiClient(port, RobustnessTest.CONTROL_TOKEN);
		this.clock = clock;
		this.sessions = sessions;
		this.qtsSids = qtsSids;
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void concurrentTrafficGetsOnlyExpectedAnswersAndLeavesNoSessionOrMemoryBehind() throws Exception {
		assertThat(this.api.send("POST", "/_emulator/reset", null, "{}").status()).isEqualTo(200);
		int baseline = this.sessions.count();
		int sidBaseline = this.qtsSids.count();
		long heapBefore = Heap.usedAfterGc();
		long started = System.nanoTime();
		this.deadline = started + DURATION.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(USERS + 2);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < USERS; i++) {
				long seed = i;
				workers.add(pool.submit(() -> user(new Random(seed))));
			}
			workers.add(pool.submit(this::exporter));
			workers.add(pool.submit(() -> rotator(new Random(42))));
			for (Future<?> worker : workers) {
				worker.get(DURATION.toSeconds() + 60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		logger.info("Soak: {} requests in {} s ({} per second), {} exports, {} rotations, {} sessions left behind",
				this.requests.get(), String.format("%.1f", seconds), Math.round(this.requests.get() / seconds),
				this.exports.get(), this.rotations.get(), this.abandoned.get());

		assertThat(this.unexpected).as("unexpected answers").isEmpty();
		assertThat(this.exports.get()).isPositive();
		assertThat(this.rotations.get()).isPositive();
		assertThat(this.sessions.count()).isGreaterThan(baseline);
		try {
			this.clock.advance(Duration.parse("PT" + RobustnessTest.IDLE_TIMEOUT.toUpperCase()).plusMinutes(1));
			assertThat(this.sessions.count()).as("sessions after the idle timeout").isEqualTo(baseline);
			assertThat(this.qtsSids.count()).as("QTS sids after the idle timeout").isEqualTo(sidBaseline);
		}
		finally {
			this.clock.useSystemTime();
		}
		long growth = Heap.usedAfterGc() - heapBefore;
		logger.info("Soak: heap after GC grew by {} KiB", growth / 1024);
		assertThat(growth).as("heap growth after GC, bytes").isLessThan(64 * Heap.MIB);
	}

	/** Signs in, refreshes, reads everything, and signs out (or leaves the session). */
	private void user(Random random) {
		for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
			boolean admin = random.nextBoolean();
			String name = admin ? "admin" : "alice";
			ApiClient.Answer login = call(
					() -> (random.nextInt(8) == 0) ? this.api.loginWithSid(name, name) : this.api.login(name, name),
					"login " + name, 200);
			if (login == null) {
				continue;
			}
			if (login.session() == null) {
				this.unexpected.add("login " + name + " set no session cookie: " + login.text());
				continue;
			}
			String session = login.session();
			ApiClient.Answer refresh = get(ApiClient.API + "/login_refresh", session, 200);
			if (refresh != null && !refresh.text().equals(login.text())) {
				this.unexpected.add("login_refresh answered " + refresh.text() + " after " + login.text());
			}
			get(ApiClient.API + "/system", session, 200);
			get(ApiClient.API + "/system/resource", session, 200);
			get(ApiClient.API + "/system/port/" + InputGenerators.validPortPath(random), session, 200);
			get(ApiClient.API + "/system/bridge", session, 200);
			get(ApiClient.API + "/tls", session, 200);
			get(ApiClient.API + "/tls/domain_names", session, 200);
			get(ApiClient.API + "/tls/export", session, admin ? 200 : 403);
			if (random.nextInt(5) == 0 && this.abandoned.get() < MAX_ABANDONED_SESSIONS) {
				// Left behind for the idle timeout to end.
				this.abandoned.incrementAndGet();
				continue;
			}
			call(() -> this.api.send("PUT", ApiClient.API + "/logout", session, null), "logout", 200);
			get(ApiClient.API + "/login_refresh", session, 401);
		}
	}

	/** Exports the bundle again and again, and checks each. */
	private void exporter() {
		String session = signIn();
		for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
			ApiClient.Answer export = get(ApiClient.API + "/tls/export", session, 200);
			if (export != null) {
				List<String> problems = ClientBundle.of(export.body()).problems();
				if (!problems.isEmpty()) {
					this.unexpected.add("export " + i + ": " + problems);
				}
				this.exports.incrementAndGet();
			}
			ApiClient.Answer tls = get(ApiClient.API + "/tls", session, 200);
			if (tls != null) {
				JsonNode dates = JSON.readTree(tls.body());
				long days = ChronoUnit.DAYS.between(LocalDate.parse(dates.get("startdate").stringValue()),
						LocalDate.parse(dates.get("enddate").stringValue()));
				if (days != 1080) {
					this.unexpected.add("GET /tls spans " + days + " days: " + tls.text());
				}
			}
		}
	}

	/**
	 * Rotates the client certificate and changes the domain names, checking each change.
	 */
	private void rotator(Random random) {
		String session = signIn();
		for (int i = 0; i < MAX_ITERATIONS && running(); i++) {
			if (call(() -> this.api.send("POST", ApiClient.API + "/tls/rotation", session, null), "rotation",
					200) != null) {
				this.rotations.incrementAndGet();
			}
			String names = String.join(",", InputGenerators.validDomainNames(random));
			call(() -> this.api.send("PUT", ApiClient.API + "/tls/domain_names", session,
					"{\"domain_names\": \"" + names + "\"}"), "PUT domain_names", 200);
			ApiClient.Answer read = get(ApiClient.API + "/tls/domain_names", session, 200);
			if (read != null && !JSON.readTree(read.body()).get("domain_names").stringValue().equals(names)) {
				this.unexpected.add("domain_names read back " + read.text() + " after setting " + names);
			}
		}
	}

	private String signIn() {
		ApiClient.Answer login = call(() -> this.api.login("admin", "admin"), "login admin", 200);
		assertThat(login).isNotNull();
		return login.session();
	}

	private boolean running() {
		return System.nanoTime() < this.deadline;
	}

	private ApiClient.Answer get(String path, String session, int expected) {
		return call(() -> this.api.send("GET", path, session, null), "GET " + path, expected);
	}

	private ApiClient.Answer call(Call call, String what, int expected) {
		this.requests.incrementAndGet();
		try {
			ApiClient.Answer answer = call.send();
			if (answer.status() != expected) {
				this.unexpected.add(what + " -> " + answer.status() + " (expected " + expected + "): " + answer.text());
				return null;
			}
			return answer;
		}
		catch (IOException ex) {
			this.unexpected.add(what + " -> " + ex);
			return null;
		}
	}

	@FunctionalInterface
	private interface Call {

		ApiClient.Answer send() throws IOException;

	}

}
