package dev.csemu.system;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The host as it is read: the {@code /system} facts, the host's with Container Station's
 * own from {@code emulator.host.product}, which do not change while the emulator runs;
 * and the {@code /system/resource} figures, which are the latest background sample or
 * figures set at run time (by the control API) until cleared. Both bodies are serialized
 * once (the facts on first use, the figures once per sample), not per request.
 * <p>
 * The probe is built on its own thread: OSHI's first read of the machine (hundreds of
 * milliseconds on a small host) runs beside the rest of the start-up instead of on the
 * main thread, and only what reads the host (the {@code /system*} routes, the report, the
 * snapshot) waits for it. The first sample (CPU use since boot) is taken on the sampler's
 * thread as it starts, or by the first request, whichever comes first; the next ones
 * every interval, on one daemon thread.
 */
public final class HostResources implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HostResources.class);

	private final CompletableFuture<HostProbe> probe;

	private final SingletonSupplier<Serialized<SystemResponse>> system;

	private final Duration interval;

	private final JsonMapper jsonMapper;

	private HostProbe.CpuTicks previousTicks = new HostProbe.CpuTicks(0, 0);

	private double cpuUsage;

	private volatile Serialized<ResourceFigures> latest;

	private volatile Serialized<ResourceFigures> override;

	private ScheduledExecutorService executor;

	/** Starts building the probe on its own thread and returns at once. */
	HostResources(Supplier<HostProbe> probe, HostProperties properties, JsonMapper jsonMapper) {
		this.probe = CompletableFuture.supplyAsync(probe, (task) -> daemon(task, "host-probe-init").start());
		this.interval = properties.sampleInterval();
		this.jsonMapper = jsonMapper;
		this.system = SingletonSupplier.of(() -> {
			SystemResponse system = probe().facts();
			return serialized(system, system);
		});
	}

	/** The {@code /system} body, the same instance on every call. */
	public SystemResponse system() {
		return this.system.obtain().value();
	}

	byte[] systemJson() {
		return this.system.obtain().json();
	}

	/**
	 * The probe, once built.
	 * @throws RuntimeException the error that kept it from being built, on every call
	 */
	HostProbe probe() {
		try {
			return this.probe.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	/** Reads the probe once and replaces the latest sample. */
	synchronized void sample() {
		HostProbe probe = probe();
		HostProbe.CpuTicks ticks = probe.cpuTicks();
		HostProbe.MemoryFigures memory = probe.memory();
		double busy = ticks.percentBusySince(this.previousTicks);
		if (busy >= 0) {
			// No tick passed (two readings too close together): keep the last figure.
			this.cpuUsage = busy;
		}
		this.previousTicks = ticks;
		ResourceFigures figures = ResourceFigures.of(this.cpuUsage, memory);
		this.latest = serialized(figures, figures.toResponse());
	}

	/** The override if one is set, else the latest sample, taken now if there is none. */
	private Serialized<ResourceFigures> resource() {
		Serialized<ResourceFigures> resource = this.override;
		if (resource == null) {
			resource = this.latest;
		}
		if (resource == null) {
			synchronized (this) {
				if (this.latest == null) {
					sample();
				}
				resource = this.latest;
			}
		}
		return resource;
	}

	/**
	 * The figures {@code /system/resource} reports now: the override, else the latest
	 * sample.
	 */
	public ResourceFigures figures() {
		return resource().value();
	}

	public ResourceResponse current() {
		return figures().toResponse();
	}

	byte[] resourceJson() {
		return resource().json();
	}

	/**
	 * Makes {@code /system/resource} report the given figures, in either source, until
	 * {@link #clearOverride()}.
	 * @param figures the figures to report
	 */
	public void override(ResourceFigures figures) {
		Assert.notNull(figures, "figures are required");
		this.override = serialized(figures, figures.toResponse());
	}

	public Optional<ResourceFigures> overridden() {
		return Optional.ofNullable(this.override).map(Serialized::value);
	}

	/** Back to the source's own figures (the machine's, or the fixture's). */
	public void clearOverride() {
		this.override = null;
	}

	private <T> Serialized<T> serialized(T value, Object body) {
		return new Serialized<>(value, this.jsonMapper.writeValueAsBytes(body));
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
			this.executor = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "host-sampler"));
			this.executor.scheduleAtFixedRate(this::sampleQuietly, 0, this.interval.toNanos(), TimeUnit.NANOSECONDS);
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

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/** A body with its JSON, serialized once. */
	private record Serialized<T>(T value, byte[] json) {

	}

}
