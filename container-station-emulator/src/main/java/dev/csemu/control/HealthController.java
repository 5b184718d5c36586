package dev.csemu.control;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness for Docker's HEALTHCHECK and orchestrators: no authentication, no work.
 */
@RestController
class HealthController {

	private static final Map<String, String> UP = Map.of("status", "UP");

	@GetMapping("/_emulator/health")
	Map<String, String> health() {
		return UP;
	}

}
