package dev.csemu.control;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.csemu.web.ClassifiedRequest;

/**
 * The faults in force, in the order they were added; the first that hits a request wins.
 */
final class FaultRegistry {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(FaultRegistry.class);

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	Fault add(FaultSpec spec) {
		Fault.validate(spec);
		Fault fault = new Fault("f" + this.ids.incrementAndGet(), spec);
		this.faults.add(fault);
		return fault;
	}

	/** The fault that hits this request, if any; it counts the call. */
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

}
