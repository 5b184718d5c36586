package dev.csemu.system;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code /system} body: Container Station 2.4's field set, names and types exactly
 * the vendor's. The host's facts are {@code cpuCore} (physical cores), {@code cpuThread}
 * (logical processors), {@code hostname}, {@code machine} (the architecture as Docker
 * names it), {@code memory} (in KiB), {@code memoryPageSize} (in bytes) and
 * {@code processor} (the model name); the rest are Container Station's own, documented on
 * {@link HostProperties.Product}.
 */
public record SystemResponse(int cpuCore, int cpuThread, List<String> features, HostProperties.Gpu gpu,
		boolean gpuchanged, String hostname, @JsonProperty("isDevicemapper") boolean isDevicemapper,
		@JsonProperty("isSupportOverlay") boolean isSupportOverlay, String machine, long memory, int memoryPageSize,
		String migrationDir, String migrationDmStatus, boolean needRestart, String platform, String processor,
		String status, String storageDriver, @JsonProperty("uncleanFS") boolean uncleanFS,
		HostProperties.Version version) {

	/** A host's facts with Container Station's own. */
	static SystemResponse of(int cpuCore, int cpuThread, String hostname, String processor, String machine, long memory,
			int memoryPageSize, HostProperties.Product product) {
		return new SystemResponse(cpuCore, cpuThread, product.features(), product.gpu(), product.gpuchanged(), hostname,
				product.isDevicemapper(), product.isSupportOverlay(), machine, memory, memoryPageSize,
				product.migrationDir(), product.migrationDmStatus(), product.needRestart(), product.platform(),
				processor, product.status(), product.storageDriver(), product.uncleanFs(), product.version());
	}

}
