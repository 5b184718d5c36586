package dev.csemu.system;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The probe built on its own thread: construction does not wait for it, every read does.
 */
class BackgroundHostProbeTests {

	@Test
	void constructionReturnsWhileTheProbeIsStillBeingBuiltAndReadsWaitForIt() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch building = new CountDownLatch(1);
		BackgroundHostProbe probe = new BackgroundHostProbe(() -> {
			building.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new ResourceSamplerTests.ScriptedProbe().ticks(300, 1000);
		});
		assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
		long started = System.nanoTime();
		Thread releaser = new Thread(() -> {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			release.countDown();
		});
		releaser.start();
		assertThat(probe.facts().hostname()).isEqualTo("host");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(probe.cpuTicks()).isEqualTo(new HostProbe.CpuTicks(300, 1000));
	}

	@Test
	void aProbeThatCannotBeBuiltFailsEveryReadWithItsOwnError() {
		BackgroundHostProbe probe = new BackgroundHostProbe(() -> {
			throw new IllegalStateException("no /proc here");
		});
		assertThatIllegalStateException().isThrownBy(probe::facts).withMessage("no /proc here");
		assertThatIllegalStateException().isThrownBy(probe::memory).withMessage("no /proc here");
	}

}
