package dev.csemu.robustness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The test JVM's heap, which holds the emulator under test.
 */
final class Heap {

	static final long MIB = 1024 * 1024;

	private Heap() {
	}

	/**
	 * The heap in use after full collections: what is really retained.
	 * @return bytes
	 */
	static long usedAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			memory.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
