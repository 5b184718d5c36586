package dev.csemu.system;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /system} facts: the host's, with Container Station's own from
 * {@code emulator.host.product}. They do not change while the emulator runs, so the body
 * is built and serialized once, on first use.
 */
public final class SystemFacts {

	private final HostProbe probe;

	private final HostProperties.Product product;

	private final JsonMapper jsonMapper;

	private volatile Built built;

	SystemFacts(HostProbe probe, HostProperties.Product product, JsonMapper jsonMapper) {
		this.probe = probe;
		this.product = product;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Built on first use, not at start-up: the host's facts come from a probe that may
	 * still be reading the machine.
	 */
	private Built built() {
		Built built = this.built;
		if (built == null) {
			synchronized (this) {
				built = this.built;
				if (built == null) {
					built = build();
					this.built = built;
				}
			}
		}
		return built;
	}

	private Built build() {
		HostProbe.HostFacts host = this.probe.facts();
		HostProperties.Product product = this.product;
		SystemResponse system = new SystemResponse(host.cpuCore(), host.cpuThread(), product.features(), product.gpu(),
				product.gpuchanged(), host.hostname(), product.isDevicemapper(), product.isSupportOverlay(),
				host.machine(), host.memoryKib(), host.memoryPageSize(), product.migrationDir(),
				product.migrationDmStatus(), product.needRestart(), product.platform(), host.processor(),
				product.status(), product.storageDriver(), product.uncleanFs(), product.version());
		return new Built(system, this.jsonMapper.writeValueAsBytes(system));
	}

	/**
	 * The {@code /system} body.
	 * @return the facts, the same instance on every call
	 */
	public SystemResponse system() {
		return built().system;
	}

	/**
	 * The host name, as {@code /system} tells it.
	 * @return the host name
	 */
	public String hostname() {
		return built().system.hostname();
	}

	byte[] json() {
		return built().json;
	}

	private record Built(SystemResponse system, byte[] json) {
	}

}
