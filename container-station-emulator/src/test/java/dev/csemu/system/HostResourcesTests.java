package dev.csemu.system;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * CPU and memory sampling, driven by a probe that replays scripted readings: no
 * scheduler, no sleeping; and the probe built on its own thread: construction does not
 * wait for it, every read does.
 */
class HostResourcesTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final HostProbe.MemoryFigures MEMORY = new HostProbe.MemoryFigures(8 * 1024 * 1024, 2 * 1024 * 1024,
			512 * 1024, 1024 * 1024);

	@Test
	void firstSampleCoversTheTimeSinceBoot() {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000);
		HostResources sampler = sampled(probe, Duration.ofSeconds(1));
		assertThat(sampler.figures().toResponse().cpuUsage()).isEqualTo("30.0");
	}

	@Test
	void laterSamplesCoverOnlyTheLastInterval() {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000).ticks(375, 2000).ticks(1375, 3000);
		HostResources sampler = sampled(probe, Duration.ofSeconds(1));
		sampler.sample();
		assertThat(sampler.figures().toResponse().cpuUsage()).isEqualTo("7.5");
		sampler.sample();
		assertThat(sampler.figures().toResponse().cpuUsage()).isEqualTo("100.0");
	}

	@Test
	void aReadingWithoutNewTicksKeepsTheLastCpuFigure() {
		ScriptedProbe probe = new ScriptedProbe().ticks(500, 1000).ticks(500, 1000);
		HostResources sampler = sampled(probe, Duration.ofSeconds(1));
		sampler.sample();
		assertThat(sampler.figures().cpuUsage()).isEqualTo(50.0);
	}

	@Test
	void memoryIsReportedInMegabytesWithUsedExcludingBuffersAndCache() {
		HostResources sampler = sampled(new ScriptedProbe().ticks(0, 1), Duration.ofSeconds(1));
		ResourceResponse.MemoryUsage memory = sampler.figures().toResponse().memoryUsage();
		assertThat(memory).isEqualTo(new ResourceResponse.MemoryUsage(512, 1024, 56, 6, 12, 8192, 4608));
	}

	@Test
	void requestsReadTheSameSampleUntilTheNextOne() {
		ScriptedProbe probe = new ScriptedProbe().ticks(1, 10).ticks(2, 20);
		HostResources sampler = sampled(probe, Duration.ofSeconds(1));
		ResourceFigures first = sampler.figures();
		assertThat(sampler.figures()).isSameAs(first);
		assertThat(probe.readings).isEqualTo(1);
		sampler.sample();
		assertThat(sampler.figures()).isNotSameAs(first);
	}

	@Test
	void theFixtureProbeShowsTheConfiguredUseInEveryInterval() {
		HostProperties.Fixture fixture = new HostProperties.Fixture(4, 4, "nas", "cpu", "amd64", 1024, 4096, 12.3,
				new HostProperties.MemoryUsage(100, 10, 20, 30));
		HostResources sampler = sampled(new FixtureHostProbe(fixture, properties(Duration.ofHours(1)).product()),
				Duration.ofSeconds(1));
		assertThat(sampler.figures().toResponse().cpuUsage()).isEqualTo("12.3");
		sampler.sample();
		sampler.sample();
		assertThat(sampler.figures()).isEqualTo(new ResourceFigures(12.3, 100, 10, 20, 30));
	}

	@Test
	void theSamplerRunsAsALifecycleAndStops() {
		HostResources sampler = sampled(new ScriptedProbe().ticks(0, 1), Duration.ofHours(1));
		sampler.start();
		assertThat(sampler.isRunning()).isTrue();
		sampler.stop();
		assertThat(sampler.isRunning()).isFalse();
	}

	@Test
	void readsNothingOnConstructionAndTakesTheFirstSampleWhenAsked() {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000).ticks(400, 1100);
		HostResources sampler = resources(probe, Duration.ofHours(1));
		assertThat(probe.readings).isZero();
		assertThat(sampler.figures().toResponse().cpuUsage()).isEqualTo("30.0");
		assertThat(sampler.figures()).isSameAs(sampler.figures());
		assertThat(probe.readings).isEqualTo(1);
		sampler.sample();
		assertThat(sampler.figures().toResponse().cpuUsage()).isEqualTo("100.0");
	}

	@Test
	void takesTheFirstSampleOnItsThreadAsItStarts() throws InterruptedException {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000);
		HostResources sampler = resources(probe, Duration.ofHours(1));
		sampler.start();
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (probe.readings() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(probe.readings()).isEqualTo(1);
			assertThat(sampler.figures().toResponse().cpuUsage()).isEqualTo("30.0");
		}
		finally {
			sampler.stop();
		}
	}

	@Test
	void constructionReturnsWhileTheProbeIsStillBeingBuiltAndReadsWaitForIt() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch building = new CountDownLatch(1);
		HostResources resources = new HostResources(() -> {
			building.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new ScriptedProbe().ticks(300, 1000);
		}, properties(Duration.ofHours(1)), MAPPER);
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
		assertThat(resources.probe().facts().hostname()).isEqualTo("host");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(resources.probe().cpuTicks()).isEqualTo(new HostProbe.CpuTicks(300, 1000));
	}

	@Test
	void aProbeThatCannotBeBuiltFailsEveryReadWithItsOwnError() {
		HostResources resources = new HostResources(() -> {
			throw new IllegalStateException("no /proc here");
		}, properties(Duration.ofHours(1)), MAPPER);
		assertThatIllegalStateException().isThrownBy(() -> resources.probe().facts()).withMessage("no /proc here");
		assertThatIllegalStateException().isThrownBy(resources::figures).withMessage("no /proc here");
	}

	@Test
	void theSystemFactsAreTheProbesWithTheProductsBuiltOnce() {
		HostResources resources = resources(new ScriptedProbe(), Duration.ofHours(1));
		SystemResponse system = resources.system();
		assertThat(system.hostname()).isEqualTo("host");
		assertThat(system.cpuThread()).isEqualTo(2);
		assertThat(system.status()).isEqualTo("running");
		assertThat(resources.system()).isSameAs(system);
		assertThat(new String(resources.systemJson())).contains("\"hostname\":\"host\"");
	}

	/** The defaults, sampled at the given interval. */
	static HostProperties properties(Duration interval) {
		Map<String, String> values = Map.of("emulator.host.sample-interval", interval.toMillis() + "ms");
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("emulator.host",
				HostProperties.class);
	}

	/** Resources whose probe is the given one, no sample taken yet. */
	static HostResources resources(HostProbe probe, Duration interval) {
		HostResources resources = new HostResources(() -> probe, properties(interval), MAPPER);
		resources.probe();
		return resources;
	}

	/** Resources with their first sample (CPU use since boot) taken. */
	static HostResources sampled(HostProbe probe, Duration interval) {
		HostResources resources = resources(probe, interval);
		resources.sample();
		return resources;
	}

	static final class ScriptedProbe implements HostProbe {

		private final Deque<CpuTicks> ticks = new ArrayDeque<>();

		volatile int readings;

		int readings() {
			return this.readings;
		}

		ScriptedProbe ticks(long busy, long total) {
			this.ticks.add(new CpuTicks(busy, total));
			return this;
		}

		@Override
		public SystemResponse facts() {
			return SystemResponse.of(1, 2, "host", "cpu", "amd64", 8 * 1024 * 1024, 4096,
					properties(Duration.ofHours(1)).product());
		}

		@Override
		public CpuTicks cpuTicks() {
			this.readings++;
			return this.ticks.remove();
		}

		@Override
		public MemoryFigures memory() {
			return MEMORY;
		}

	}

}
