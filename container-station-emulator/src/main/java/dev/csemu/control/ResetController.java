package dev.csemu.control;

import java.util.List;
import java.util.Map;

import dev.csemu.auth.AccessProtection;
import dev.csemu.auth.SessionStore;
import dev.csemu.clock.EmulatorClock;
import dev.csemu.network.PortUsage;
import dev.csemu.system.HostResources;
import dev.csemu.tls.TlsCertificates;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Back to a known state between tests: no sessions, faults, journal entries or IP blocks,
 * and real time.
 */
@ControlApi
class ResetController {

	private final List<SessionStore> sessionStores;

	private final AccessProtection accessProtection;

	private final FaultRegistry faults;

	private final Journal journal;

	private final EmulatorClock clock;

	private final HostResources resources;

	private final PortUsage ports;

	private final TlsCertificates certificates;

	ResetController(List<SessionStore> sessionStores, AccessProtection accessProtection, FaultRegistry faults,
			Journal journal, EmulatorClock clock, HostResources resources, PortUsage ports,
			TlsCertificates certificates) {
		this.sessionStores = sessionStores;
		this.accessProtection = accessProtection;
		this.faults = faults;
		this.journal = journal;
		this.clock = clock;
		this.resources = resources;
		this.ports = ports;
		this.certificates = certificates;
	}

	@PostMapping("/reset")
	Map<String, Boolean> reset(@RequestBody(required = false) ResetRequest request) {
		this.sessionStores.forEach(SessionStore::clear);
		this.accessProtection.clear();
		this.faults.clear();
		this.journal.clear();
		this.clock.useSystemTime();
		this.resources.clearOverride();
		this.ports.clearOverride();
		if (request != null && Boolean.TRUE.equals(request.tls())) {
			this.certificates.regenerate();
		}
		return Map.of("result", true);
	}

	/**
	 * What to reset beyond the default.
	 *
	 * @param tls true: new TLS material (a new CA) too
	 */
	record ResetRequest(Boolean tls) {
	}

}
