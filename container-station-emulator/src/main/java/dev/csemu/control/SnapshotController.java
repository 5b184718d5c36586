package dev.csemu.control;

import java.util.List;
import java.util.Map;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.network.PortUsage;
import dev.csemu.system.HostResources;
import dev.csemu.tls.TlsCertificates;
import dev.csemu.web.ApiException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Named snapshots of the emulator's durable state: TLS material and state (domain names,
 * the dismissed warning, retired serials), the clock and the host overrides.
 */
@ControlApi
class SnapshotController {

	private final Snapshots snapshots;

	SnapshotController(TlsCertificates certificates, EmulatorClock clock, HostResources resources, PortUsage ports,
			JsonMapper jsonMapper) {
		this.snapshots = new Snapshots(certificates, clock, resources, ports, jsonMapper);
	}

	@PostMapping("/snapshots/{name}")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> save(@PathVariable String name) {
		this.snapshots.save(name);
		return Map.of("result", true, "name", name);
	}

	@PostMapping("/snapshots/{name}/restore")
	Map<String, Object> restore(@PathVariable String name) {
		this.snapshots.restore(name);
		return Map.of("result", true, "name", name);
	}

	@GetMapping("/snapshots")
	Map<String, List<String>> list() {
		return Map.of("snapshots", this.snapshots.names());
	}

	@DeleteMapping("/snapshots/{name}")
	Map<String, Boolean> delete(@PathVariable String name) {
		if (!this.snapshots.delete(name)) {
			throw ApiException.notFound("there is no snapshot named " + name);
		}
		return Map.of("result", true);
	}

}
