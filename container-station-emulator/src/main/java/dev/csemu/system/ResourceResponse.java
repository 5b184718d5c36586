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
	 * Memory use in MB, the figures of {@link ResourceFigures}; {@code percent} (of
	 * {@code used}), {@code percent_buffers} and {@code percent_cached} are each
	 * {@code floor(x * 100 / total)}.
	 */
	public record MemoryUsage(long buffers, long cached, long percent,
			@JsonProperty("percent_buffers") long percentBuffers, @JsonProperty("percent_cached") long percentCached,
			long total, long used) {

	}

}
