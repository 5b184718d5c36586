package dev.csemu.system;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code /system/resource} body.
 *
 * @param cpuUsage {@code cpu_usage}: CPU use in percent, a string with one decimal
 * @param memoryUsage {@code memory_usage}: integer MB and percentages
 */
public record ResourceResponse(@JsonProperty("cpu_usage") String cpuUsage,
		@JsonProperty("memory_usage") MemoryUsage memoryUsage) {

	/**
	 * Memory use in MB; each percentage is {@code floor(x * 100 / total)}.
	 *
	 * @param buffers block device buffers
	 * @param cached the page cache
	 * @param percent {@code used} as a percentage of {@code total}
	 * @param percentBuffers {@code buffers} as a percentage of {@code total}
	 * @param percentCached {@code cached} as a percentage of {@code total}
	 * @param total all memory
	 * @param used memory in use, excluding buffers and cache
	 */
	public record MemoryUsage(long buffers, long cached, long percent,
			@JsonProperty("percent_buffers") long percentBuffers, @JsonProperty("percent_cached") long percentCached,
			long total, long used) {

	}

}
