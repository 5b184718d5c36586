package dev.csemu.control;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.network.PortUsage;
import dev.csemu.network.UsedPorts;
import dev.csemu.system.HostResources;
import dev.csemu.system.ResourceFigures;
import dev.csemu.system.ResourceResponse;
import dev.csemu.web.ApiException;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Host facts a test sets: the next {@code /system/resource} figures and the ports
 * {@code /system/port} reports as used. They hold until cleared or reset.
 */
@ControlApi
class HostOverrideController {

	private final HostResources resources;

	private final PortUsage ports;

	HostOverrideController(HostResources resources, PortUsage ports) {
		this.resources = resources;
		this.ports = ports;
	}

	@PutMapping("/host/resource")
	ResourceResponse setResource(@RequestBody ResourceOverride request) {
		if (request.cpuUsage() == null || request.memoryUsage() == null) {
			throw ApiException.badRequest("cpu_usage and memory_usage are required");
		}
		ResourceOverride.Memory memory = request.memoryUsage();
		if (memory.total() == null || memory.used() == null || memory.buffers() == null || memory.cached() == null) {
			throw ApiException.badRequest("memory_usage needs total, used, buffers and cached (MB)");
		}
		if (!partsFitIn(memory)) {
			throw ApiException.badRequest("memory_usage: used, buffers and cached must add up to at most total");
		}
		double cpu;
		try {
			cpu = Double.parseDouble(request.cpuUsage());
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("cpu_usage must be a number in a string, such as \"7.5\"");
		}
		try {
			this.resources
				.override(new ResourceFigures(cpu, memory.total(), memory.used(), memory.buffers(), memory.cached()));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		return this.resources.current();
	}

	@DeleteMapping("/host/resource")
	Map<String, Boolean> clearResource() {
		this.resources.clearOverride();
		return Map.of("result", true);
	}

	@GetMapping("/host/ports")
	UsedPorts usedPorts() {
		return this.ports.listening();
	}

	@PutMapping("/host/ports")
	UsedPorts setPorts(@RequestBody PortsOverride request) {
		try {
			this.ports.override(toSet(request.tcp()), toSet(request.udp()));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		return this.ports.listening();
	}

	@DeleteMapping("/host/ports")
	Map<String, Boolean> clearPorts() {
		this.ports.clearOverride();
		return Map.of("result", true);
	}

	/**
	 * Whether used, buffers and cached fit in total, as on a real host (total - free), so
	 * that every percentage of {@code /system/resource} is at most 100; totals so large
	 * that a percentage would overflow do not fit either.
	 */
	private static boolean partsFitIn(ResourceOverride.Memory memory) {
		if (memory.total() > Long.MAX_VALUE / 100) {
			return false;
		}
		try {
			return Math.addExact(Math.addExact(memory.used(), memory.buffers()), memory.cached()) <= memory.total();
		}
		catch (ArithmeticException ex) {
			return false;
		}
	}

	private static Set<Integer> toSet(List<Integer> ports) {
		if (ports == null) {
			return Set.of();
		}
		if (ports.contains(null)) {
			throw ApiException.badRequest("ports must be integers from 1 to 65535");
		}
		return new TreeSet<>(ports);
	}

	/**
	 * The figures {@code /system/resource} is to report, in its own shape; the
	 * percentages are derived.
	 *
	 * @param cpuUsage CPU use in percent, as a string with one decimal
	 * @param memoryUsage memory in MB
	 */
	record ResourceOverride(@JsonProperty("cpu_usage") String cpuUsage,
			@JsonProperty("memory_usage") Memory memoryUsage) {

		/**
		 * Memory figures in MB.
		 *
		 * @param total all memory
		 * @param used in use, excluding buffers and cache
		 * @param buffers block device buffers
		 * @param cached the page cache
		 */
		record Memory(Long total, Long used, Long buffers, Long cached) {
		}

	}

	/**
	 * The ports to report as used.
	 *
	 * @param tcp used TCP ports
	 * @param udp used UDP ports
	 */
	record PortsOverride(List<Integer> tcp, List<Integer> udp) {
	}

}
