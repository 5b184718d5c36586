package dev.csemu.control;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.csemu.web.ApiException;
import dev.csemu.web.ClassifiedRequest;

import org.springframework.http.HttpStatus;

/**
 * The faults in force, in the order they were added; the first that hits a request wins.
 */
final class FaultRegistry {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(FaultRegistry.class);

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	Fault add(FaultSpec spec) {
		validate(spec);
		Fault fault = new Fault("f" + this.ids.incrementAndGet(), spec);
		this.faults.add(fault);
		return fault;
	}

	/**
	 * The fault that hits this request, if any.
	 * @param method the request's method
	 * @param request the request's classification
	 * @param scope the request's scope header, or null
	 * @return the applied fault
	 */
	Optional<Fault> match(String method, ClassifiedRequest request, String scope) {
		if (this.faults.isEmpty()) {
			return Optional.empty();
		}
		for (Fault fault : this.faults) {
			try {
				if (fault.hits(method, request, scope)) {
					return Optional.of(fault);
				}
			}
			catch (RuntimeException ex) {
				// A fault must never become a failure of its own: it does not apply.
				logger.warn("Fault {} could not be matched against {}; skipped", fault.id(), request.path(), ex);
			}
		}
		return Optional.empty();
	}

	List<Fault.FaultView> list() {
		return this.faults.stream().map(Fault::view).toList();
	}

	boolean remove(String id) {
		return this.faults.removeIf((fault) -> fault.id().equals(id));
	}

	void clear() {
		this.faults.clear();
	}

	private static void validate(FaultSpec spec) {
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

}
