package dev.csemu.system;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code /system} body: Container Station 2.4's field set, names and types exactly
 * the vendor's.
 *
 * @param cpuCore physical cores
 * @param cpuThread logical processors
 * @param features supported features; the vendor's first element is an empty string
 * @param gpu the GPU block
 * @param gpuchanged whether the GPU changed
 * @param hostname the host name
 * @param isDevicemapper whether Docker uses devicemapper
 * @param isSupportOverlay whether overlay is supported
 * @param machine the architecture as Docker names it
 * @param memory total memory in KiB
 * @param memoryPageSize the memory page size in bytes
 * @param migrationDir the migration directory
 * @param migrationDmStatus the devicemapper migration status
 * @param needRestart whether Container Station needs a restart
 * @param platform {@code qts} or {@code quts}
 * @param processor the processor's model name
 * @param status Container Station's status
 * @param storageDriver Docker's storage driver
 * @param uncleanFS whether the file system is unclean
 * @param version the versions block
 */
public record SystemResponse(int cpuCore, int cpuThread, List<String> features, HostProperties.Gpu gpu,
		boolean gpuchanged, String hostname, @JsonProperty("isDevicemapper") boolean isDevicemapper,
		@JsonProperty("isSupportOverlay") boolean isSupportOverlay, String machine, long memory, int memoryPageSize,
		String migrationDir, String migrationDmStatus, boolean needRestart, String platform, String processor,
		String status, String storageDriver, @JsonProperty("uncleanFS") boolean uncleanFS,
		HostProperties.Version version) {

	/**
	 * A host's facts with Container Station's own.
	 * @param memory total memory in KiB
	 * @param memoryPageSize the memory page size in bytes
	 * @param product Container Station's facts
	 * @return the body
	 */
	static SystemResponse of(int cpuCore, int cpuThread, String hostname, String processor, String machine, long memory,
			int memoryPageSize, HostProperties.Product product) {
		return new SystemResponse(cpuCore, cpuThread, product.features(), product.gpu(), product.gpuchanged(), hostname,
				product.isDevicemapper(), product.isSupportOverlay(), machine, memory, memoryPageSize,
				product.migrationDir(), product.migrationDmStatus(), product.needRestart(), product.platform(),
				processor, product.status(), product.storageDriver(), product.uncleanFs(), product.version());
	}

}
