package dev.csemu.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The machine the emulator runs on, through OSHI (built once and held for the process's
 * life) and, on Linux, {@code /proc/meminfo} for the buffers and cache OSHI does not
 * report.
 */
final class OshiHostProbe implements HostProbe {

	private static final Path MEMINFO = Path.of("/proc/meminfo");

	private final CentralProcessor processor;

	private final GlobalMemory memory;

	private final SystemResponse facts;

	private final boolean procMeminfo;

	OshiHostProbe(HostName hostName, HostProperties.Product product) {
		HardwareAbstractionLayer hardware = new SystemInfo().getHardware();
		this.processor = hardware.getProcessor();
		this.memory = hardware.getMemory();
		this.procMeminfo = Files.isReadable(MEMINFO);
		this.facts = SystemResponse.of(this.processor.getPhysicalProcessorCount(),
				this.processor.getLogicalProcessorCount(), hostName.value(),
				this.processor.getProcessorIdentifier().getName().trim(), Architecture.current().machine(),
				this.memory.getTotal() / 1024, (int) this.memory.getPageSize(), product);
	}

	@Override
	public SystemResponse facts() {
		return this.facts;
	}

	@Override
	public CpuTicks cpuTicks() {
		long[] ticks = this.processor.getSystemCpuLoadTicks();
		long total = 0;
		for (long tick : ticks) {
			total += tick;
		}
		long idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
		return new CpuTicks(total - idle, total);
	}

	@Override
	public MemoryFigures memory() {
		if (this.procMeminfo) {
			try {
				return meminfo(Files.readAllLines(MEMINFO));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		// Elsewhere OSHI knows only what is available; buffers and cache are in it.
		return new MemoryFigures(this.memory.getTotal() / 1024, this.memory.getAvailable() / 1024, 0, 0);
	}

	/**
	 * Memory figures from the lines of {@code /proc/meminfo}.
	 * @param lines the file's lines, such as {@code MemTotal: 24684092 kB}
	 * @return the figures in KiB
	 */
	static MemoryFigures meminfo(List<String> lines) {
		Map<String, Long> values = new HashMap<>();
		for (String line : lines) {
			String[] fields = line.split(":\\s*|\\s+");
			if (fields.length > 1 && fields[1].matches("[0-9]{1,18}")) {
				values.put(fields[0], Long.parseLong(fields[1]));
			}
		}
		return new MemoryFigures(values.getOrDefault("MemTotal", 0L), values.getOrDefault("MemFree", 0L),
				values.getOrDefault("Buffers", 0L), values.getOrDefault("Cached", 0L));
	}

}
