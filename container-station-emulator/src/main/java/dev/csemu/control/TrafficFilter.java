package dev.csemu.control;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntConsumer;

import dev.csemu.auth.SessionPrincipal;
import dev.csemu.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * The emulated API's traffic as the control plane sees it: faults are applied here,
 * before anything else runs, and every request is written to the journal.
 */
class TrafficFilter extends OncePerRequestFilter {

	/** The request header that scopes faults and journal entries to one test. */
	static final String SCOPE_HEADER = "X-Emulator-Scope";

	/**
	 * Names the fault applied to an answer, so that a client can tell a fake from the
	 * real thing.
	 */
	static final String FAULT_HEADER = "X-Emulator-Fault";

	/** Set on a request whose connection must be closed without an answer. */
	static final String DROP_ATTRIBUTE = TrafficFilter.class.getName() + ".drop";

	private static final int BODY_CACHE_LIMIT = 64 * 1024;

	private final FaultRegistry faults;

	private final Journal journal;

	private final Redaction redaction;

	private final ErrorWriter errorWriter;

	private final Clock clock;

	TrafficFilter(FaultRegistry faults, Journal journal, Redaction redaction, ErrorWriter errorWriter, Clock clock) {
		this.faults = faults;
		this.journal = journal;
		this.redaction = redaction;
		this.errorWriter = errorWriter;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(ControlApi.BASE + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Instant time = this.clock.instant();
		String scope = request.getHeader(SCOPE_HEADER);
		ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, BODY_CACHE_LIMIT);
		Optional<Fault> fault = this.faults.match(request.getMethod(), request.getRequestURI(), scope);
		String faultId = fault.map(Fault::id).orElse(null);
		// Journaled just before the answer leaves, so a client that has its answer finds
		// the entry.
		JournalingResponse journaling = new JournalingResponse(response,
				(status) -> record(request, cached, time, start, status, scope, faultId));
		try {
			if (fault.isPresent()) {
				FaultSpec spec = fault.get().spec();
				response.setHeader(FAULT_HEADER, faultId);
				if (Boolean.TRUE.equals(spec.drop()) || spec.status() != null) {
					// The application will not read the body: read it here, for the
					// journal.
					cached.getInputStream().readNBytes(BODY_CACHE_LIMIT);
				}
				if (spec.delayMs() != null && spec.delayMs() > 0) {
					sleep(spec.delayMs());
				}
				if (Boolean.TRUE.equals(spec.drop())) {
					request.setAttribute(DROP_ATTRIBUTE, Boolean.TRUE);
					journaling.recordNow(0);
					return;
				}
				if (spec.status() != null) {
					HttpStatus status = HttpStatus.valueOf(spec.status());
					String message = (spec.message() != null) ? spec.message()
							: "fault " + fault.get().id() + " injected by the emulator";
					this.errorWriter.write(journaling, status, message);
					return;
				}
			}
			chain.doFilter(cached, journaling);
		}
		finally {
			journaling.recordNow(response.getStatus());
		}
	}

	private void record(HttpServletRequest request, ContentCachingRequestWrapper cached, Instant time, long start,
			int status, String scope, String faultId) {
		SessionPrincipal principal = (SessionPrincipal) request.getAttribute(SessionPrincipal.REQUEST_ATTRIBUTE);
		this.journal.record(new JournalEntry(time, request.getMethod(), request.getRequestURI(),
				this.redaction.query(request.getQueryString()), this.redaction.headers(request),
				this.redaction.body(cached.getContentAsByteArray(), request.getContentType()), status,
				(System.nanoTime() - start) / 1_000_000.0, (principal != null) ? principal.user().username() : null,
				scope, faultId));
	}

	/**
	 * Writes the journal entry once: when the answer is about to be committed, or at the
	 * end for a request that got no answer.
	 */
	private static final class JournalingResponse extends OnCommittedResponseWrapper {

		private final IntConsumer recorder;

		private boolean recorded;

		JournalingResponse(HttpServletResponse response, IntConsumer recorder) {
			super(response);
			this.recorder = recorder;
		}

		@Override
		protected void onResponseCommitted() {
			recordNow(getStatus());
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
