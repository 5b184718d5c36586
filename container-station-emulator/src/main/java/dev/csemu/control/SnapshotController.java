package dev.csemu.control;

import java.util.List;
import java.util.Map;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.network.PortUsage;
import dev.csemu.system.HostResources;
import dev.csemu.tls.TlsCertificates;
import dev.csemu.web.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Named snapshots of the emulator's durable state: TLS material and state (domain names,
 * the dismissed warning, retired serials), the clock and the host overrides, saved
 * together in one atomic set under the TLS folder's {@code snapshots/}.
 */
@ControlApi
class SnapshotController {

	private final TlsCertificates certificates;

	private final EmulatorClock clock;

	private final HostResources resources;

	private final PortUsage ports;

	private final JsonMapper jsonMapper;

	SnapshotController(TlsCertificates certificates, EmulatorClock clock, HostResources resources, PortUsage ports,
			JsonMapper jsonMapper) {
		this.certificates = certificates;
		this.clock = clock;
		this.resources = resources;
		this.ports = ports;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/snapshots/{name}")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> save(@PathVariable String name) {
		byte[] state = this.jsonMapper.writeValueAsBytes(ControlState.capture(this.clock, this.resources, this.ports));
		this.certificates.saveSnapshot(name, Map.of(ControlState.FILE, state));
		return Map.of("result", true, "name", name);
	}

	@PostMapping("/snapshots/{name}/restore")
	Map<String, Object> restore(@PathVariable String name) {
		Map<String, byte[]> attachments = this.certificates.restoreSnapshot(name);
		byte[] state = attachments.get(ControlState.FILE);
		if (state != null) {
			try {
				this.jsonMapper.readValue(state, ControlState.class).apply(this.clock, this.resources, this.ports);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				throw new ApiException(HttpStatus.CONFLICT, "snapshot " + name + " holds an unreadable control state");
			}
		}
		return Map.of("result", true, "name", name);
	}

	@GetMapping("/snapshots")
	Map<String, List<String>> list() {
		return Map.of("snapshots", this.certificates.snapshots());
	}

	@DeleteMapping("/snapshots/{name}")
	Map<String, Boolean> delete(@PathVariable String name) {
		if (!this.certificates.deleteSnapshot(name)) {
			throw ApiException.notFound("there is no snapshot named " + name);
		}
		return Map.of("result", true);
	}

}
