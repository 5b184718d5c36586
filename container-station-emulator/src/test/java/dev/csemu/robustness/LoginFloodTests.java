package dev.csemu.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.csemu.auth.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login flood: thousands of sign-ins of one account from concurrent clients over
 * loopback ({@code -Drobustness.flood.sign-ins}, 4 000 by default: twenty times the cap).
 * The account never holds more than {@code emulator.session.max-per-user} sessions (200
 * here) and keeps its newest ones (the last still work, the first are gone), another
 * account's older session survives the flood, and the heap does not grow with the
 * sign-ins.
 */
@RobustnessTest
class LoginFloodTests {

	private static final Logger logger = LoggerFactory.getLogger(LoginFloodTests.class);

	private static final int SIGN_INS = Integer.getInteger("robustness.flood.sign-ins", 4_000);

	private static final int CLIENTS = 8;

	/** Far more than the sign-ins in flight at once, so that old and new are certain. */
	private static final int CHECKED = 100;

	private final ApiClient api;

	private final SessionStore sessions;

	@Autowired
	LoginFloodTests(@LocalServerPort int port, @Qualifier("sessionStore") SessionStore sessions) {
		this.api = new ApiClient(port, RobustnessTest.CONTROL_TOKEN);
		this.sessions = sessions;
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void oneAccountsThousandsOfSignInsKeepItAtItsCapAndLeaveOtherAccountsSignedIn() throws Exception {
		assertThat(this.api.send("POST", "/_emulator/reset", null, "{}").status()).isEqualTo(200);
		ApiClient.Answer bystander = this.api.login("alice", "alice");
		assertThat(bystander.status()).isEqualTo(200);
		long heapBefore = Heap.usedAfterGc();
		String[] byCompletion = new String[SIGN_INS];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		AtomicInteger largest = new AtomicInteger();
		AtomicBoolean flooding = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (flooding.get()) {
				largest.accumulateAndGet(this.sessions.count(), Math::max);
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "session-count-sampler");
		sampler.start();
		long started = System.nanoTime();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				running.add(clients.submit(() -> {
					while (next.getAndIncrement() < SIGN_INS) {
						ApiClient.Answer login = signIn();
						assertThat(login.status()).isEqualTo(200);
						byCompletion[completed.getAndIncrement()] = login.session();
					}
				}));
			}
			for (Future<?> client : running) {
				client.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			clients.shutdownNow();
			flooding.set(false);
			sampler.join();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		logger.info("Login flood: {} sign-ins in {} s ({} per second); at most {} sessions held", SIGN_INS,
				String.format("%.1f", seconds), Math.round(SIGN_INS / seconds), largest.get());

		assertThat(completed.get()).isEqualTo(SIGN_INS);
		// A count taken while sign-ins replace sessions walks the store weakly
		// consistently:
		// it may see a session ended by a sign-in in flight and its replacement.
		assertThat(largest.get()).as("sessions held at any sample")
			.isLessThanOrEqualTo(RobustnessTest.MAX_PER_USER + 1 + CLIENTS);
		assertThat(this.sessions.count()).isEqualTo(RobustnessTest.MAX_PER_USER + 1);
		assertThat(refresh(bystander.session())).as("another account's older session").isEqualTo(200);
		for (int i = 0; i < CHECKED; i++) {
			assertThat(refresh(byCompletion[i])).as("sign-in %d of %d", i + 1, SIGN_INS).isEqualTo(401);
		}
		for (int i = SIGN_INS - CHECKED; i < SIGN_INS; i++) {
			assertThat(refresh(byCompletion[i])).as("sign-in %d of %d", i + 1, SIGN_INS).isEqualTo(200);
		}
		long growth = Heap.usedAfterGc() - heapBefore;
		logger.info("Login flood: heap after GC grew by {} KiB", growth / 1024);
		assertThat(growth).as("heap growth after GC, bytes").isLessThan(32 * Heap.MIB);
	}

	private ApiClient.Answer signIn() {
		try {
			return this.api.login("admin", "admin");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private int refresh(String session) throws IOException {
		return this.api.send("GET", ApiClient.API + "/login_refresh", session, null).status();
	}

}
