package dev.csemu.control;

import java.util.Locale;
import java.util.Random;

import dev.csemu.web.ApiException;
import dev.csemu.web.ClassifiedRequest;

import org.springframework.http.HttpStatus;

/**
 * One registered fault: its spec, and the counters that decide which matching call it
 * hits.
 */
final class Fault {

	private final String id;

	private final FaultSpec spec;

	private final RoutePattern pattern;

	private final Random random;

	private int seen;

	private int applied;

	Fault(String id, FaultSpec spec) {
		this.id = id;
		this.spec = spec;
		this.pattern = (spec.path() != null) ? RoutePattern.parse(spec.path()) : null;
		this.random = (spec.seed() != null) ? new Random(spec.seed()) : new Random();
	}

	String id() {
		return this.id;
	}

	FaultSpec spec() {
		return this.spec;
	}

	/** Whether this fault hits the request; counts the call when it matches. */
	synchronized boolean hits(String method, ClassifiedRequest request, String scope) {
		if (!matches(method, request, scope) || exhausted()) {
			return false;
		}
		this.seen++;
		if (this.spec.after() != null && this.seen <= this.spec.after()) {
			return false;
		}
		if (this.spec.probability() != null && this.random.nextDouble() >= this.spec.probability()) {
			return false;
		}
		this.applied++;
		return true;
	}

	synchronized FaultView view() {
		Integer remaining = (this.spec.times() != null) ? Math.max(0, this.spec.times() - this.applied) : null;
		return new FaultView(this.id, this.spec, this.seen, this.applied, remaining);
	}

	private boolean exhausted() {
		return this.spec.times() != null && this.applied >= this.spec.times();
	}

	private boolean matches(String method, ClassifiedRequest request, String scope) {
		if (this.spec.scope() != null && !this.spec.scope().equals(scope)) {
			return false;
		}
		if (this.spec.method() != null && !this.spec.method().toUpperCase(Locale.ROOT).equals(method)) {
			return false;
		}
		if (this.pattern == null) {
			return true;
		}
		return this.pattern.matches(request);
	}

	/** Refuses (400) a spec that makes no sense, before it gets an id. */
	static void validate(FaultSpec spec) {
		if (spec.status() == null && spec.delayMs() == null && !Boolean.TRUE.equals(spec.drop())) {
			throw ApiException.badRequest("a fault needs status, delayMs or drop");
		}
		if (spec.status() != null
				&& (spec.status() < 400 || spec.status() > 599 || HttpStatus.resolve(spec.status()) == null)) {
			throw ApiException.badRequest("status must be an HTTP error status (400-599)");
		}
		if (spec.delayMs() != null && (spec.delayMs() < 0 || spec.delayMs() > 60_000)) {
			throw ApiException.badRequest("delayMs must be between 0 and 60000");
		}
		if (spec.times() != null && spec.times() < 1) {
			throw ApiException.badRequest("times must be at least 1");
		}
		if (spec.after() != null && spec.after() < 0) {
			throw ApiException.badRequest("after must not be negative");
		}
		if (spec.probability() != null && (spec.probability() < 0 || spec.probability() > 1)) {
			throw ApiException.badRequest("probability must be between 0 and 1");
		}
	}

	/**
	 * A fault as listed: its spec and how often it matched and applied.
	 *
	 * @param id the fault's id
	 * @param spec what was asked for
	 * @param matched matching calls seen
	 * @param applied calls it was applied to
	 * @param remaining applications left, when limited by {@code times}
	 */
	record FaultView(String id, FaultSpec spec, int matched, int applied, Integer remaining) {
	}

}
