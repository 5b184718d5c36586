package dev.csemu.control;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The emulator's metrics (requests by route and status, JVM) in Prometheus's text format.
 */
@ControlApi
class MetricsController {

	private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

	private final PrometheusMeterRegistry registry;

	MetricsController(PrometheusMeterRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/metrics")
	ResponseEntity<String> metrics() {
		return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(this.registry.scrape());
	}

}
