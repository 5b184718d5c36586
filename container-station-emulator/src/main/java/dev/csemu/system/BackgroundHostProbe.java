package dev.csemu.system;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A probe built on its own thread: OSHI's first read of the machine (hundreds of
 * milliseconds on a small host) runs beside the rest of the start-up instead of on the
 * main thread. Each method waits for the probe, so only what reads the host (the
 * {@code /system*} routes, the report, the snapshot) can wait; nothing else does.
 */
final class BackgroundHostProbe implements HostProbe {

	private final CompletableFuture<HostProbe> probe;

	BackgroundHostProbe(Supplier<HostProbe> factory) {
		this.probe = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				this.probe.complete(factory.get());
			}
			catch (Throwable ex) {
				this.probe.completeExceptionally(ex);
			}
		}, "host-probe-init");
		thread.setDaemon(true);
		thread.start();
	}

	private HostProbe probe() {
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

	@Override
	public HostFacts facts() {
		return probe().facts();
	}

	@Override
	public CpuTicks cpuTicks() {
		return probe().cpuTicks();
	}

	@Override
	public MemoryFigures memory() {
		return probe().memory();
	}

}
