package dev.csemu.control;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.csemu.auth.SessionPrincipal;
import dev.csemu.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * The emulated API's traffic as the control plane sees it: faults are applied here,
 * before anything else runs, and every request is written to the journal.
 */
class TrafficFilter extends OncePerRequestFilter {

	/** The request header that scopes faults and journal entries to one test. */
	static final String SCOPE_HEADER = "X-Emulator-Scope";

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
		boolean dropped = false;
		try {
			if (fault.isPresent()) {
				FaultSpec spec = fault.get().spec();
				if (spec.delayMs() != null && spec.delayMs() > 0) {
					sleep(spec.delayMs());
				}
				if (Boolean.TRUE.equals(spec.drop())) {
					dropped = true;
					request.setAttribute(DROP_ATTRIBUTE, Boolean.TRUE);
					return;
				}
				if (spec.status() != null) {
					HttpStatus status = HttpStatus.valueOf(spec.status());
					String message = (spec.message() != null) ? spec.message()
							: "fault " + fault.get().id() + " injected by the emulator";
					this.errorWriter.write(response, status, message);
					return;
				}
			}
			chain.doFilter(cached, response);
		}
		finally {
			SessionPrincipal principal = (SessionPrincipal) request.getAttribute(SessionPrincipal.REQUEST_ATTRIBUTE);
			this.journal.record(new JournalEntry(time, request.getMethod(), request.getRequestURI(),
					this.redaction.query(request.getQueryString()), this.redaction.headers(request),
					this.redaction.body(cached.getContentAsByteArray(), request.getContentType()),
					dropped ? 0 : response.getStatus(), (System.nanoTime() - start) / 1_000_000.0,
					(principal != null) ? principal.user().username() : null, scope,
					fault.map(Fault::id).orElse(null)));
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
