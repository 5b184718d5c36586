package dev.csemu.system;

import java.util.Locale;

import org.springframework.util.Assert;

/**
 * What {@code /system/resource} reports: CPU use and memory figures, from which the
 * response and its percentages are derived.
 *
 * @param cpuUsage the whole machine's CPU use over the last sampling interval, in percent
 * (0 to 100)
 * @param totalMb all memory, in MB
 * @param usedMb memory in use, excluding buffers and cache, in MB
 * @param buffersMb block device buffers, in MB
 * @param cachedMb the page cache, in MB
 */
public record ResourceFigures(double cpuUsage, long totalMb, long usedMb, long buffersMb, long cachedMb) {

	public ResourceFigures {
		Assert.isTrue(cpuUsage >= 0 && cpuUsage <= 100, "cpuUsage must be from 0 to 100, not " + cpuUsage);
		Assert.isTrue(totalMb >= 1, "totalMb must be at least 1, not " + totalMb);
		Assert.isTrue(usedMb >= 0 && buffersMb >= 0 && cachedMb >= 0,
				"usedMb, buffersMb and cachedMb must not be negative");
	}

	/**
	 * Figures from a CPU reading and the memory in KiB, as the vendor computes them:
	 * {@code used = total - free - buffers - cached}.
	 * @param cpuUsage CPU use in percent
	 * @param memory memory in KiB
	 * @return the figures in MB
	 */
	static ResourceFigures of(double cpuUsage, HostProbe.MemoryFigures memory) {
		long usedKib = memory.totalKib() - memory.freeKib() - memory.buffersKib() - memory.cachedKib();
		return new ResourceFigures(Math.max(0, Math.min(100, cpuUsage)), Math.max(1, memory.totalKib() / 1024),
				Math.max(0, usedKib) / 1024, Math.max(0, memory.buffersKib()) / 1024,
				Math.max(0, memory.cachedKib()) / 1024);
	}

	/**
	 * The {@code /system/resource} body: {@code cpu_usage} with one decimal, each
	 * percentage {@code floor(x * 100 / total)}.
	 * @return the response
	 */
	public ResourceResponse toResponse() {
		return new ResourceResponse(String.format(Locale.ROOT, "%.1f", this.cpuUsage),
				new ResourceResponse.MemoryUsage(this.buffersMb, this.cachedMb, percent(this.usedMb),
						percent(this.buffersMb), percent(this.cachedMb), this.totalMb, this.usedMb));
	}

	private long percent(long part) {
		return part * 100 / this.totalMb;
	}

}
