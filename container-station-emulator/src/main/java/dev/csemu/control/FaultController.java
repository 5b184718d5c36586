package dev.csemu.control;

import java.util.List;
import java.util.Map;

import dev.csemu.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Faults injected into the emulated API: add, list, remove.
 */
@ControlApi
class FaultController {

	private final FaultRegistry faults;

	FaultController(FaultRegistry faults) {
		this.faults = faults;
	}

	@PostMapping("/faults")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> add(@RequestBody FaultSpec spec) {
		return Map.of("id", this.faults.add(spec).id());
	}

	@GetMapping("/faults")
	List<Fault.FaultView> list() {
		return this.faults.list();
	}

	@DeleteMapping("/faults")
	Map<String, Boolean> clear() {
		this.faults.clear();
		return Map.of("result", true);
	}

	@DeleteMapping("/faults/{id}")
	Map<String, Boolean> remove(@PathVariable String id) {
		if (!this.faults.remove(id)) {
			throw ApiException.notFound("no fault " + id);
		}
		return Map.of("result", true);
	}

}
