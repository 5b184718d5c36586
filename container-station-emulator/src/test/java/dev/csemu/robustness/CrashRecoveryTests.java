package dev.csemu.robustness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.csemu.support.CertZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of certificate rotations and domain-name changes, then a restart
 * on the same TLS folder, a few times over ({@code -Drobustness.crash.kills}, 2 by
 * default, each after changes were acknowledged): every start succeeds, the exported
 * bundle holds together, and the domain names are the last ones acknowledged before the
 * kill (or the one whose change was in flight) — an acknowledged change is never lost.
 * The emulator runs as a child process; it is destroyed whatever happens to the test.
 */
class CrashRecoveryTests {

	private static final Logger logger = LoggerFactory.getLogger(CrashRecoveryTests.class);

	private static final String TOKEN = "crash-test-token";

	private static final int KILLS = Integer.getInteger("robustness.crash.kills", 2);

	private static final long SEED = Long.getLong("robustness.seed", 20_261_127L);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void killedWhileRotatingAndChangingDomainNamesItRestartsWithAWholeConsistentState(@TempDir Path dir)
			throws Exception {
		Path tls = dir.resolve("certs");
		Random random = new Random(SEED);
		Set<String> acceptable = Set.of("");
		for (int kill = 1; kill <= KILLS; kill++) {
			try (ChildEmulator emulator = ChildEmulator.start(tls, dir, TOKEN)) {
				ApiClient api = new ApiClient(emulator.port(), TOKEN);
				String admin = api.login("admin", "admin").session();
				assertWhole(emulator, api, admin, acceptable, tls);
				Load load = new Load(api, admin, new Random(random.nextLong()));
				load.start();
				load.awaitProgress();
				Thread.sleep(random.nextInt(300));
				emulator.kill();
				acceptable = load.stop(acceptable);
				assertThat(load.unexpected).as("answers before the kill").isEmpty();
				logger.info("Kill {} of {}: {} domain-name changes and {} rotations acknowledged; expecting {}", kill,
						KILLS, load.acknowledgedChanges, load.acknowledgedRotations, acceptable);
			}
		}
		try (ChildEmulator emulator = ChildEmulator.start(tls, dir, TOKEN)) {
			ApiClient api = new ApiClient(emulator.port(), TOKEN);
			assertWhole(emulator, api, api.login("admin", "admin").session(), acceptable, tls);
		}
	}

	private static void assertWhole(ChildEmulator emulator, ApiClient api, String admin, Set<String> acceptable,
			Path folder) throws IOException {
		try {
			ApiClient.Answer tls = api.send("GET", ApiClient.API + "/tls", admin, null);
			assertThat(tls.status()).isEqualTo(200);
			JsonNode dates = JSON.readTree(tls.body());
			assertThat(ChronoUnit.DAYS.between(LocalDate.parse(dates.get("startdate").stringValue()),
					LocalDate.parse(dates.get("enddate").stringValue())))
				.isEqualTo(1080);
			ApiClient.Answer names = api.send("GET", ApiClient.API + "/tls/domain_names", admin, null);
			assertThat(names.status()).isEqualTo(200);
			assertThat(JSON.readTree(names.body()).get("domain_names").stringValue())
				.as("domain names after the restart, acknowledged or in flight before the kill")
				.isIn(acceptable);
			ApiClient.Answer export = api.send("GET", ApiClient.API + "/tls/export", admin, null);
			assertThat(export.status()).isEqualTo(200);
			assertThat(ClientBundle.of(export.body()).problems()).isEmpty();
			// The PEM files in the folder are the exported ones, not an older set.
			CertZip.entries(export.body())
				.forEach((name, content) -> assertThat(folder.resolve(name)).as(name).hasContent(content));
		}
		catch (AssertionError ex) {
			throw new AssertionError(ex.getMessage() + "\nemulator log:\n" + emulator.logTail(), ex);
		}
	}

	/**
	 * Changes in flight: one thread sets domain names one after the other (so that which
	 * change was acknowledged last is known), two others rotate the client certificate,
	 * until the emulator dies under them.
	 */
	private static final class Load {

		private final ApiClient api;

		private final String admin;

		private final Random random;

		private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

		private final AtomicInteger acknowledgedChanges = new AtomicInteger();

		private final AtomicInteger acknowledgedRotations = new AtomicInteger();

		private final List<Thread> threads;

		private volatile String lastAcknowledged;

		private volatile String inFlight;

		Load(ApiClient api, String admin, Random random) {
			this.api = api;
			this.admin = admin;
			this.random = random;
			this.threads = List.of(new Thread(this::changeDomainNames, "crash-domain-names"),
					new Thread(this::rotate, "crash-rotation-1"), new Thread(this::rotate, "crash-rotation-2"));
		}

		void start() {
			this.threads.forEach(Thread::start);
		}

		/**
		 * Until at least two changes and one rotation are acknowledged (10 s at most).
		 */
		void awaitProgress() throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while ((this.acknowledgedChanges.get() < 2 || this.acknowledgedRotations.get() < 1)
					&& System.nanoTime() < deadline && this.unexpected.isEmpty()) {
				Thread.sleep(10);
			}
		}

		/**
		 * Waits for the threads, which end with the emulator.
		 * @param before the values acceptable before this round
		 * @return the values acceptable after the kill
		 */
		Set<String> stop(Set<String> before) throws InterruptedException {
			for (Thread thread : this.threads) {
				thread.join(TimeUnit.SECONDS.toMillis(40));
				assertThat(thread.isAlive()).as(thread.getName() + " still running").isFalse();
			}
			Set<String> acceptable = new LinkedHashSet<>();
			if (this.lastAcknowledged != null) {
				acceptable.add(this.lastAcknowledged);
			}
			else {
				acceptable.addAll(before);
			}
			if (this.inFlight != null) {
				acceptable.add(this.inFlight);
			}
			return acceptable;
		}

		private void changeDomainNames() {
			while (true) {
				String names = String.join(",", InputGenerators.validDomainNames(this.random));
				this.inFlight = names;
				ApiClient.Answer answer;
				try {
					answer = this.api.send("PUT", ApiClient.API + "/tls/domain_names", this.admin,
							"{\"domain_names\": \"" + names + "\"}");
				}
				catch (IOException ex) {
					return;
				}
				if (answer.status() != 200) {
					this.unexpected.add("PUT domain_names -> " + answer.status() + ": " + answer.text());
					return;
				}
				this.lastAcknowledged = names;
				this.inFlight = null;
				this.acknowledgedChanges.incrementAndGet();
			}
		}

		private void rotate() {
			while (true) {
				ApiClient.Answer answer;
				try {
					answer = this.api.send("POST", ApiClient.API + "/tls/rotation", this.admin, null);
				}
				catch (IOException ex) {
					return;
				}
				if (answer.status() != 200) {
					this.unexpected.add("rotation -> " + answer.status() + ": " + answer.text());
					return;
				}
				this.acknowledgedRotations.incrementAndGet();
			}
		}

	}

}
