package dev.csemu.system;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CPU and memory sampling, driven by a probe that replays scripted readings: no
 * scheduler, no sleeping.
 */
class ResourceSamplerTests {

	private static final HostProbe.MemoryFigures MEMORY = new HostProbe.MemoryFigures(8 * 1024 * 1024, 2 * 1024 * 1024,
			512 * 1024, 1024 * 1024);

	@Test
	void firstSampleIsReadyOnConstructionAndCoversTheTimeSinceBoot() {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000);
		ResourceSampler sampler = new ResourceSampler(probe, Duration.ofSeconds(1));
		assertThat(sampler.latest().toResponse().cpuUsage()).isEqualTo("30.0");
	}

	@Test
	void laterSamplesCoverOnlyTheLastInterval() {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000).ticks(375, 2000).ticks(1375, 3000);
		ResourceSampler sampler = new ResourceSampler(probe, Duration.ofSeconds(1));
		sampler.sample();
		assertThat(sampler.latest().toResponse().cpuUsage()).isEqualTo("7.5");
		sampler.sample();
		assertThat(sampler.latest().toResponse().cpuUsage()).isEqualTo("100.0");
	}

	@Test
	void aReadingWithoutNewTicksKeepsTheLastCpuFigure() {
		ScriptedProbe probe = new ScriptedProbe().ticks(500, 1000).ticks(500, 1000);
		ResourceSampler sampler = new ResourceSampler(probe, Duration.ofSeconds(1));
		sampler.sample();
		assertThat(sampler.latest().cpuUsage()).isEqualTo(50.0);
	}

	@Test
	void memoryIsReportedInMegabytesWithUsedExcludingBuffersAndCache() {
		ResourceSampler sampler = new ResourceSampler(new ScriptedProbe().ticks(0, 1), Duration.ofSeconds(1));
		ResourceResponse.MemoryUsage memory = sampler.latest().toResponse().memoryUsage();
		assertThat(memory).isEqualTo(new ResourceResponse.MemoryUsage(512, 1024, 56, 6, 12, 8192, 4608));
	}

	@Test
	void requestsReadTheSameSampleUntilTheNextOne() {
		ScriptedProbe probe = new ScriptedProbe().ticks(1, 10).ticks(2, 20);
		ResourceSampler sampler = new ResourceSampler(probe, Duration.ofSeconds(1));
		ResourceFigures first = sampler.latest();
		assertThat(sampler.latest()).isSameAs(first);
		assertThat(probe.readings).isEqualTo(1);
		sampler.sample();
		assertThat(sampler.latest()).isNotSameAs(first);
	}

	@Test
	void theFixtureProbeShowsTheConfiguredUseInEveryInterval() {
		HostProperties.Fixture fixture = new HostProperties.Fixture(4, 4, "nas", "cpu", "amd64", 1024, 4096, 12.3,
				new HostProperties.MemoryUsage(100, 10, 20, 30));
		ResourceSampler sampler = new ResourceSampler(new FixtureHostProbe(fixture), Duration.ofSeconds(1));
		assertThat(sampler.latest().toResponse().cpuUsage()).isEqualTo("12.3");
		sampler.sample();
		sampler.sample();
		assertThat(sampler.latest()).isEqualTo(new ResourceFigures(12.3, 100, 10, 20, 30));
	}

	@Test
	void theSamplerRunsAsALifecycleAndStops() {
		ResourceSampler sampler = new ResourceSampler(new ScriptedProbe().ticks(0, 1), Duration.ofHours(1));
		sampler.start();
		assertThat(sampler.isRunning()).isTrue();
		sampler.stop();
		assertThat(sampler.isRunning()).isFalse();
	}

	@Test
	void deferredSamplerReadsNothingOnConstructionAndTakesTheFirstSampleWhenAsked() {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000).ticks(400, 1100);
		ResourceSampler sampler = new ResourceSampler(probe, Duration.ofHours(1), false);
		assertThat(probe.readings).isZero();
		assertThat(sampler.latest().toResponse().cpuUsage()).isEqualTo("30.0");
		assertThat(sampler.latest()).isSameAs(sampler.latest());
		assertThat(probe.readings).isEqualTo(1);
		sampler.sample();
		assertThat(sampler.latest().toResponse().cpuUsage()).isEqualTo("100.0");
	}

	@Test
	void deferredSamplerTakesTheFirstSampleOnItsThreadAsItStarts() throws InterruptedException {
		ScriptedProbe probe = new ScriptedProbe().ticks(300, 1000);
		ResourceSampler sampler = new ResourceSampler(probe, Duration.ofHours(1), false);
		sampler.start();
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (probe.readings() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(probe.readings()).isEqualTo(1);
			assertThat(sampler.latest().toResponse().cpuUsage()).isEqualTo("30.0");
		}
		finally {
			sampler.stop();
		}
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
		public HostFacts facts() {
			return new HostFacts(1, 2, "host", "cpu", "amd64", 8 * 1024 * 1024, 4096);
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
