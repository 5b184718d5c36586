package dev.csemu.system;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A host that is exactly as configured under {@code emulator.host.fixture}: by default
 * the vendor's example. Its CPU ticks advance so that every interval shows the configured
 * use.
 */
final class FixtureHostProbe implements HostProbe {

	/** Ticks per reading: per mille of the configured percentage, exact to 0.1 %. */
	private static final long TICKS_PER_READING = 1000;

	private final SystemResponse facts;

	private final long busyPerReading;

	private final MemoryFigures memory;

	private final AtomicLong readings = new AtomicLong();

	FixtureHostProbe(HostProperties.Fixture fixture, HostProperties.Product product) {
		this.facts = SystemResponse.of(fixture.cpuCore(), fixture.cpuThread(), fixture.hostname(), fixture.processor(),
				fixture.machine(), fixture.memory(), fixture.memoryPageSize(), product);
		this.busyPerReading = Math.round(fixture.cpuUsage() * TICKS_PER_READING / 100);
		HostProperties.MemoryUsage usage = fixture.memoryUsage();
		long free = usage.total() - usage.used() - usage.buffers() - usage.cached();
		this.memory = new MemoryFigures(usage.total() * 1024, free * 1024, usage.buffers() * 1024,
				usage.cached() * 1024);
	}

	@Override
	public SystemResponse facts() {
		return this.facts;
	}

	@Override
	public CpuTicks cpuTicks() {
		long reading = this.readings.incrementAndGet();
		return new CpuTicks(reading * this.busyPerReading, reading * TICKS_PER_READING);
	}

	@Override
	public MemoryFigures memory() {
		return this.memory;
	}

}
