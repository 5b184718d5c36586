package dev.csemu.control;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.csemu.web.ApiException;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The emulated API's traffic as a test steers and reads it: faults to inject, the request
 * journal (newest first, secrets redacted), and the journal live as server-sent events.
 * Events are sent on one thread of their own, so that a slow reader never delays the
 * emulated API; streams and backlog are bounded, and open streams end when the emulator
 * stops, before the web server waits for open requests to finish.
 */
@ControlApi
class TrafficController implements SmartLifecycle {

	/** A stream ends after this long; an EventSource, or the dashboard, reconnects. */
	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

	static final int MAX_STREAMS = 16;

	private static final Map<String, Boolean> OK = Map.of("result", true);

	private final TrafficFilter traffic;

	private final Set<SseEmitter> streams = new CopyOnWriteArraySet<>();

	private final ThreadPoolExecutor sender;

	private volatile boolean running;

	TrafficController(TrafficFilter traffic) {
		this.traffic = traffic;
		// Entries beyond the backlog are dropped for the streams; the journal keeps them.
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024), (task) -> {
			Thread thread = new Thread(task, "journal-stream");
			thread.setDaemon(true);
			return thread;
		}, new ThreadPoolExecutor.DiscardPolicy());
		traffic.onRecord((entry) -> {
			if (!this.streams.isEmpty()) {
				this.sender.execute(() -> send(entry));
			}
		});
	}

	@PostMapping("/faults")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> addFault(@RequestBody TrafficFilter.FaultSpec spec) {
		return Map.of("id", this.traffic.addFault(spec));
	}

	@GetMapping("/faults")
	List<TrafficFilter.FaultView> faults() {
		return this.traffic.faults();
	}

	@DeleteMapping("/faults")
	Map<String, Boolean> clearFaults() {
		this.traffic.clearFaults();
		return OK;
	}

	@DeleteMapping("/faults/{id}")
	Map<String, Boolean> removeFault(@PathVariable String id) {
		if (!this.traffic.removeFault(id)) {
			throw ApiException.notFound("no fault " + id);
		}
		return OK;
	}

	@GetMapping("/requests")
	List<TrafficFilter.Entry> requests(Query query) {
		return this.traffic.find(query.match());
	}

	@GetMapping("/requests/count")
	Map<String, Integer> count(Query query) {
		return Map.of("count", this.traffic.find(query.match()).size());
	}

	@DeleteMapping("/requests")
	Map<String, Boolean> clearRequests() {
		this.traffic.clearJournal();
		return OK;
	}

	/** The journal live: one event {@code request} per entry. */
	@GetMapping("/requests/stream")
	SseEmitter stream() {
		if (!this.running || this.streams.size() >= MAX_STREAMS) {
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "at most " + MAX_STREAMS + " journal streams at once");
		}
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		emitter.onCompletion(() -> this.streams.remove(emitter));
		emitter.onTimeout(() -> this.streams.remove(emitter));
		emitter.onError((ex) -> this.streams.remove(emitter));
		this.streams.add(emitter);
		try {
			// Tells the reader at once that the stream is open.
			emitter.send(SseEmitter.event().comment("journal"));
		}
		catch (IOException ex) {
			this.streams.remove(emitter);
		}
		return emitter;
	}

	/** The journal's query parameters, as {@link TrafficFilter.Match#of} takes them. */
	record Query(String method, String path, String scope, String since) {

		TrafficFilter.Match match() {
			return TrafficFilter.Match.of(this.method, this.path, this.scope,
					(this.since != null) ? StateController.parseInstant(this.since, "since") : null);
		}

	}

	private void send(TrafficFilter.Entry entry) {
		for (SseEmitter emitter : this.streams) {
			try {
				emitter.send(SseEmitter.event().name("request").data(entry, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				// The reader has gone: the container ends the request itself.
				this.streams.remove(emitter);
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.streams.forEach(SseEmitter::complete);
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
