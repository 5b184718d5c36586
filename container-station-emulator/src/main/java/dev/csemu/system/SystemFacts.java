package dev.csemu.system;

import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.function.SingletonSupplier;

/**
 * The {@code /system} facts: the host's, with Container Station's own from
 * {@code emulator.host.product}. They do not change while the emulator runs, so the body
 * is built and serialized once, on first use, not at start-up: the host's facts come from
 * a probe that may still be reading the machine.
 */
public final class SystemFacts {

	private final SingletonSupplier<Built> built;

	SystemFacts(Supplier<HostProbe.HostFacts> host, HostProperties.Product product, JsonMapper jsonMapper) {
		this.built = SingletonSupplier.of(() -> {
			HostProbe.HostFacts facts = host.get();
			SystemResponse system = new SystemResponse(facts.cpuCore(), facts.cpuThread(), product.features(),
					product.gpu(), product.gpuchanged(), facts.hostname(), product.isDevicemapper(),
					product.isSupportOverlay(), facts.machine(), facts.memoryKib(), facts.memoryPageSize(),
					product.migrationDir(), product.migrationDmStatus(), product.needRestart(), product.platform(),
					facts.processor(), product.status(), product.storageDriver(), product.uncleanFs(),
					product.version());
			return new Built(system, jsonMapper.writeValueAsBytes(system));
		});
	}

	/**
	 * The {@code /system} body.
	 * @return the facts, the same instance on every call
	 */
	public SystemResponse system() {
		return this.built.obtain().system;
	}

	/**
	 * The host name, as {@code /system} tells it.
	 * @return the host name
	 */
	public String hostname() {
		return system().hostname();
	}

	byte[] json() {
		return this.built.obtain().json;
	}

	private record Built(SystemResponse system, byte[] json) {
	}

}
