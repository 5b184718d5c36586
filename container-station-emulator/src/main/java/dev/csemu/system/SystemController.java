package dev.csemu.system;

import dev.csemu.web.ContainerStationApi;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /system} and {@code GET /system/resource}, answered from JSON serialized
 * ahead of the request.
 */
@ContainerStationApi
class SystemController {

	private final HostResources host;

	SystemController(HostResources host) {
		this.host = host;
	}

	@GetMapping("/system")
	ResponseEntity<byte[]> system() {
		return json(this.host.systemJson());
	}

	@GetMapping("/system/resource")
	ResponseEntity<byte[]> resource() {
		return json(this.host.resourceJson());
	}

	private static ResponseEntity<byte[]> json(byte[] body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
