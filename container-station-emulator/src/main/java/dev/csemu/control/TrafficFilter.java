package dev.csemu.control;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import dev.csemu.auth.SessionStore.Session;
import dev.csemu.web.ClassifiedRequest;
import dev.csemu.web.ErrorEnvelope;
import dev.csemu.web.TomcatCustomizations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The emulated API's traffic as the control plane sees it: faults are applied here,
 * before anything else runs, and every request is written to the journal. Both decide on
 * the request's {@link ClassifiedRequest classification}, the decoded path the router
 * uses: {@code /%6cogin} is {@code /login} to a fault as it is to the router.
 */
class TrafficFilter extends OncePerRequestFilter {

	/** The request header that scopes faults and journal entries to one test. */
	static final String SCOPE_HEADER = "X-Emulator-Scope";

	/**
	 * Names the fault applied to an answer, so that a client can tell a fake from the
	 * real thing.
	 */
	static final String FAULT_HEADER = "X-Emulator-Fault";

	private static final Set<String> KNOWN_METHODS = Arrays.stream(HttpMethod.values())
		.map(HttpMethod::name)
		.collect(Collectors.toUnmodifiableSet());

	private final FaultRegistry faults;

	private final Journal journal;

	private final Clock clock;

	private final MeterRegistry metrics;

	/**
	 * The request timers by their tags, so that a request looks its timer up without
	 * building Micrometer's tags and id; bounded as the tags are.
	 */
	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	TrafficFilter(FaultRegistry faults, Journal journal, Clock clock, MeterRegistry metrics) {
		this.faults = faults;
		this.journal = journal;
		this.clock = clock;
		this.metrics = metrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return ClassifiedRequest.of(request).surface() == ClassifiedRequest.Surface.CONTROL;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Instant time = this.clock.instant();
		ClassifiedRequest classified = ClassifiedRequest.of(request);
		String scope = request.getHeader(SCOPE_HEADER);
		FaultRegistry.Fault fault = this.faults.match(request.getMethod(), classified, scope);
		String faultId = (fault != null) ? fault.id : null;
		// Journaled just before the answer leaves, so that a client that has its answer
		// finds the entry.
		JournalingResponse journaling = new JournalingResponse(response,
				(status) -> record(request, classified, time, start, status, scope, faultId));
		try {
			if (fault != null) {
				FaultRegistry.FaultSpec spec = fault.spec;
				response.setHeader(FAULT_HEADER, faultId);
				if (spec.delayMs() != null && spec.delayMs() > 0) {
					sleep(spec.delayMs());
				}
				if (Boolean.TRUE.equals(spec.drop())) {
					TomcatCustomizations.closeWithoutAnswer(request);
					journaling.recordNow(0);
					return;
				}
				if (spec.status() != null) {
					String message = (spec.message() != null) ? spec.message()
							: "fault " + faultId + " injected by the emulator";
					ErrorEnvelope.send(request, journaling, HttpStatus.valueOf(spec.status()), message);
					return;
				}
			}
			chain.doFilter(request, journaling);
		}
		finally {
			journaling.recordNow(response.getStatus());
		}
	}

	private void record(HttpServletRequest request, ClassifiedRequest classified, Instant time, long start, int status,
			String scope, String faultId) {
		long nanos = System.nanoTime() - start;
		Session session = (Session) request.getAttribute(Session.REQUEST_ATTRIBUTE);
		this.journal.record(request, classified.path(), time, status, nanos / 1_000_000.0,
				(session != null) ? session.username() : null, scope, faultId);
		this.timers
			.computeIfAbsent(new TimerKey(method(request), route(request, status), status),
					(key) -> this.metrics.timer("http.server.requests", "method", key.method(), "uri", key.uri(),
							"status", Integer.toString(status), "outcome", Outcome.forStatus(status).name()))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	private record TimerKey(String method, String uri, int status) {
	}

	/**
	 * The method, when HTTP defines it: a client may send any token as a method, and each
	 * would be a new series.
	 */
	private static String method(HttpServletRequest request) {
		String method = request.getMethod();
		return KNOWN_METHODS.contains(method) ? method : "UNKNOWN";
	}

	/** The route that answered, never the path itself: a bounded set of metric tags. */
	private static String route(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern != null) {
			return pattern.toString();
		}
		return (status == HttpServletResponse.SC_NOT_FOUND) ? "NOT_FOUND" : "UNKNOWN";
	}

	/**
	 * Writes the journal entry once: when an error is sent, when the answer's body is
	 * about to be written (its status and headers are set by then), when it is flushed,
	 * or at the end for a request that got no answer.
	 */
	private static final class JournalingResponse extends HttpServletResponseWrapper {

		private final IntConsumer recorder;

		private boolean recorded;

		JournalingResponse(HttpServletResponse response, IntConsumer recorder) {
			super(response);
			this.recorder = recorder;
		}

		@Override
		public void sendError(int sc) throws IOException {
			recordNow(sc);
			super.sendError(sc);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			recordNow(sc);
			super.sendError(sc, msg);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			recordNow(HttpServletResponse.SC_FOUND);
			super.sendRedirect(location);
		}

		@Override
		public void flushBuffer() throws IOException {
			recordNow(getStatus());
			super.flushBuffer();
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			recordNow(getStatus());
			return super.getOutputStream();
		}

		void recordNow(int status) {
			if (!this.recorded) {
				this.recorded = true;
				this.recorder.accept(status);
			}
		}

	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
