package dev.csemu.control;

import dev.csemu.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The request journal, live: one server-sent event {@code request} per journal entry.
 */
@ControlApi
class JournalStreamController {

	private final JournalStream stream;

	JournalStreamController(JournalStream stream) {
		this.stream = stream;
	}

	@GetMapping("/requests/stream")
	SseEmitter stream() {
		SseEmitter emitter = this.stream.open();
		if (emitter == null) {
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS,
					"at most " + JournalStream.MAX_STREAMS + " journal streams at once");
		}
		return emitter;
	}

}
