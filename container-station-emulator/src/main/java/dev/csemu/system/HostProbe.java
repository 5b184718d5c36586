package dev.csemu.system;

/**
 * Where host facts come from: the machine (through OSHI and /proc) or a fixture. The seam
 * that keeps OSHI out of the rest of the code, and lets tests script CPU ticks.
 */
interface HostProbe {

	/** The {@code /system} facts, which do not change while the emulator runs. */
	SystemResponse facts();

	/** The machine's CPU time since boot, summed over all processors. */
	CpuTicks cpuTicks();

	MemoryFigures memory();

	/**
	 * Cumulative CPU time.
	 *
	 * @param busy ticks spent neither idle nor waiting for I/O
	 * @param total all ticks
	 */
	record CpuTicks(long busy, long total) {

		/**
		 * The share of time the CPUs were busy since an earlier reading.
		 * @param earlier the earlier reading
		 * @return percent from 0 to 100, or -1 when no tick passed in between
		 */
		double percentBusySince(CpuTicks earlier) {
			long total = this.total - earlier.total;
			if (total <= 0) {
				return -1;
			}
			long busy = Math.max(0, Math.min(total, this.busy - earlier.busy));
			return busy * 100.0 / total;
		}

	}

	/**
	 * Memory, in KiB.
	 *
	 * @param totalKib all memory
	 * @param freeKib memory not used at all
	 * @param buffersKib block device buffers
	 * @param cachedKib the page cache
	 */
	record MemoryFigures(long totalKib, long freeKib, long buffersKib, long cachedKib) {

	}

}
