package dev.csemu.control;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The journal as server-sent events: each entry, as it is recorded, to every open stream.
 * Sending happens on one thread of its own, so that a slow reader never delays the
 * emulated API; the number of streams and the backlog are bounded. Open streams end when
 * the emulator stops, before the web server waits for open requests to finish.
 */
final class JournalStream implements SmartLifecycle {

	/** A stream ends after this long; an EventSource, or the dashboard, reconnects. */
	static final Duration TIMEOUT = Duration.ofMinutes(10);

	static final int MAX_STREAMS = 16;

	private final Set<SseEmitter> emitters = new CopyOnWriteArraySet<>();

	private final ThreadPoolExecutor sender;

	private volatile boolean running;

	JournalStream(Journal journal) {
		// Entries beyond the backlog are dropped for the stream; the journal keeps them.
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024), (task) -> {
			Thread thread = new Thread(task, "journal-stream");
			thread.setDaemon(true);
			return thread;
		}, new ThreadPoolExecutor.DiscardPolicy());
		journal.onRecord((entry) -> {
			if (!this.emitters.isEmpty()) {
				this.sender.execute(() -> send(entry));
			}
		});
	}

	/**
	 * Opens a stream.
	 * @return the emitter, or null when {@link #MAX_STREAMS} are open already
	 */
	SseEmitter open() {
		if (!this.running || this.emitters.size() >= MAX_STREAMS) {
			return null;
		}
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		try {
			// Tells the reader at once that the stream is open.
			emitter.send(SseEmitter.event().comment("journal"));
		}
		catch (IOException ex) {
			this.emitters.remove(emitter);
		}
		return emitter;
	}

	private void send(JournalEntry entry) {
		for (SseEmitter emitter : this.emitters) {
			try {
				emitter.send(SseEmitter.event().name("request").data(entry, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				// The reader has gone: not an error of the emulator's.
				this.emitters.remove(emitter);
				emitter.complete();
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
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
