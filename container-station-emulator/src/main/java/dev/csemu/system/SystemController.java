package dev.csemu.system;

import dev.csemu.web.ContainerStationApi;
import tools.jackson.databind.util.RawValue;

import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /system} and {@code GET /system/resource}, answered from JSON serialized
 * ahead of the request.
 */
@ContainerStationApi
class SystemController {

	private final SystemFacts facts;

	private final HostResources resources;

	SystemController(SystemFacts facts, HostResources resources) {
		this.facts = facts;
		this.resources = resources;
	}

	@GetMapping("/system")
	RawValue system() {
		return this.facts.json();
	}

	@GetMapping("/system/resource")
	RawValue resource() {
		return this.resources.json();
	}

}
