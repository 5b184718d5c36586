package dev.csemu.system;

import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The {@code /system} facts: the host's, with Container Station's own from
 * {@code emulator.host.product}. They do not change while the emulator runs, so the body
 * is built and serialized once.
 */
public final class SystemFacts {

	private final SystemResponse system;

	private final RawValue json;

	SystemFacts(HostProbe probe, HostProperties.Product product, JsonMapper jsonMapper) {
		HostProbe.HostFacts host = probe.facts();
		HostProperties.Gpu gpu = product.gpu();
		HostProperties.Version version = product.version();
		this.system = new SystemResponse(host.cpuCore(), host.cpuThread(), product.features(),
				new SystemResponse.Gpu(gpu.csMode(), gpu.device(), gpu.driverInstalled()), product.gpuchanged(),
				host.hostname(), product.isDevicemapper(), product.isSupportOverlay(), host.machine(), host.memoryKib(),
				host.memoryPageSize(), product.migrationDir(), product.migrationDmStatus(), product.needRestart(),
				product.platform(), host.processor(), product.status(), product.storageDriver(), product.uncleanFs(),
				new SystemResponse.Version(version.compose(), version.dockerVersion(), version.firmware(),
						version.lxc(), version.lxd(), version.qpkg(), version.qpkgBuildDate()));
		this.json = new RawValue(new SerializedString(jsonMapper.writeValueAsString(this.system)));
	}

	/**
	 * The {@code /system} body.
	 * @return the facts, the same instance on every call
	 */
	public SystemResponse system() {
		return this.system;
	}

	/**
	 * The host name, as {@code /system} tells it.
	 * @return the host name
	 */
	public String hostname() {
		return this.system.hostname();
	}

	RawValue json() {
		return this.json;
	}

}
