package dev.csemu.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Samples CPU and memory use in the background, so that a request only reads the latest
 * sample. The first sample (CPU use since boot) is taken on construction, or, for the
 * emulator itself, on the sampler's thread as it starts, so that reading the host stays
 * off the start path: a request that comes before it waits for it. The next ones every
 * interval, on one daemon thread.
 */
final class ResourceSampler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ResourceSampler.class);

	private final HostProbe probe;

	private final Duration interval;

	private HostProbe.CpuTicks previousTicks = HostProbe.CpuTicks.BOOT;

	private double cpuUsage;

	private volatile ResourceFigures latest;

	private ScheduledExecutorService executor;

	private final long firstDelayNanos;

	ResourceSampler(HostProbe probe, Duration interval) {
		this(probe, interval, true);
	}

	/**
	 * A sampler.
	 * @param probe the host
	 * @param interval time between samples
	 * @param sampleNow whether to take the first sample now; if not, the first sample is
	 * taken on the sampler's thread as soon as it starts, or by the first
	 * {@link #latest()}, whichever comes first
	 */
	ResourceSampler(HostProbe probe, Duration interval, boolean sampleNow) {
		this.probe = probe;
		this.interval = interval;
		this.firstDelayNanos = sampleNow ? interval.toNanos() : 0;
		if (sampleNow) {
			sample();
		}
	}

	/**
	 * Reads the probe once and replaces the latest sample.
	 */
	synchronized void sample() {
		HostProbe.CpuTicks ticks = this.probe.cpuTicks();
		HostProbe.MemoryFigures memory = this.probe.memory();
		double busy = ticks.percentBusySince(this.previousTicks);
		if (busy >= 0) {
			// No tick passed (two readings too close together): keep the last figure.
			this.cpuUsage = busy;
		}
		this.previousTicks = ticks;
		this.latest = ResourceFigures.of(this.cpuUsage, memory);
	}

	/**
	 * The latest sample.
	 * @return CPU and memory figures, never null
	 */
	ResourceFigures latest() {
		ResourceFigures latest = this.latest;
		if (latest == null) {
			synchronized (this) {
				if (this.latest == null) {
					sample();
				}
				latest = this.latest;
			}
		}
		return latest;
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// Keep the last sample and try again next time; never kill the schedule.
			logger.warn("Could not sample CPU and memory use: {}", ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor == null) {
			this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "host-sampler");
				thread.setDaemon(true);
				return thread;
			});
			long nanos = this.interval.toNanos();
			this.executor.scheduleAtFixedRate(this::sampleQuietly, this.firstDelayNanos, nanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
