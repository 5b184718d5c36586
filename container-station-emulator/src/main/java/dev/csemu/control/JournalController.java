package dev.csemu.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The request journal: what clients sent, newest first, secrets redacted.
 */
@ControlApi
class JournalController {

	private final Journal journal;

	JournalController(Journal journal) {
		this.journal = journal;
	}

	@GetMapping("/requests")
	List<JournalEntry> list(@RequestParam(required = false) String method, @RequestParam(required = false) String path,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String since) {
		return this.journal.find(new Journal.Filter(method, path, scope, parseSince(since)));
	}

	@GetMapping("/requests/count")
	Map<String, Integer> count(@RequestParam(required = false) String method,
			@RequestParam(required = false) String path, @RequestParam(required = false) String scope,
			@RequestParam(required = false) String since) {
		return Map.of("count", this.journal.count(new Journal.Filter(method, path, scope, parseSince(since))));
	}

	@DeleteMapping("/requests")
	Map<String, Boolean> clear() {
		this.journal.clear();
		return Map.of("result", true);
	}

	private static Instant parseSince(String since) {
		return (since != null) ? IsoInstants.parse(since, "since") : null;
	}

}
