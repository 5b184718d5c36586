package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.csemu.auth.AccessProtection;
import dev.csemu.auth.SessionStore;
import dev.csemu.clock.EmulatorClock;
import dev.csemu.network.PortUsage;
import dev.csemu.network.UsedPorts;
import dev.csemu.system.HostResources;
import dev.csemu.system.ResourceFigures;
import dev.csemu.tls.PrivateFiles;
import dev.csemu.tls.TlsCertificates;
import dev.csemu.tls.TlsState;
import dev.csemu.web.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The emulator's state as a whole: back to a known state between tests, and named
 * snapshots of its durable part, one owner-only file each, {@code snapshots/<name>.json}
 * in the TLS folder (whose lock keeps other emulators away): the TLS state as the TLS
 * feature hands it over, the clock and the host overrides.
 */
@ControlApi
class StateController {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final String SUFFIX = ".json";

	private final List<SessionStore> sessionStores;

	private final AccessProtection accessProtection;

	private final FaultRegistry faults;

	private final Journal journal;

	private final EmulatorClock clock;

	private final HostResources resources;

	private final PortUsage ports;

	private final TlsCertificates certificates;

	private final JsonMapper jsonMapper;

	StateController(List<SessionStore> sessionStores, AccessProtection accessProtection, FaultRegistry faults,
			Journal journal, EmulatorClock clock, HostResources resources, PortUsage ports,
			TlsCertificates certificates, JsonMapper jsonMapper) {
		this.sessionStores = sessionStores;
		this.accessProtection = accessProtection;
		this.faults = faults;
		this.journal = journal;
		this.clock = clock;
		this.resources = resources;
		this.ports = ports;
		this.certificates = certificates;
		this.jsonMapper = jsonMapper;
	}

	/** No sessions, faults, journal entries, blocks or overrides, and real time. */
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

	@PostMapping("/snapshots/{name}")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> save(@PathVariable String name) {
		Path file = file(name);
		Snapshot snapshot = new Snapshot(this.certificates.state(),
				ControlState.capture(this.clock, this.resources, this.ports));
		try {
			PrivateFiles.createOwnerOnlyDirectory(file.getParent());
			PrivateFiles.write(file, this.jsonMapper.writeValueAsBytes(snapshot), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot save the snapshot " + name, ex);
		}
		return Map.of("result", true, "name", name);
	}

	@PostMapping("/snapshots/{name}/restore")
	Map<String, Object> restore(@PathVariable String name) {
		Snapshot snapshot;
		try {
			snapshot = this.jsonMapper.readValue(Files.readAllBytes(file(name)), Snapshot.class);
		}
		catch (NoSuchFileException ex) {
			throw ApiException.notFound("there is no snapshot named " + name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the snapshot " + name, ex);
		}
		catch (JacksonException ex) {
			throw damaged(name, ex.getOriginalMessage());
		}
		if (snapshot.tls() == null || snapshot.control() == null) {
			throw damaged(name, "a part is missing");
		}
		try {
			this.certificates.restore(snapshot.tls());
			snapshot.control().apply(this.clock, this.resources, this.ports);
		}
		catch (IllegalArgumentException ex) {
			throw damaged(name, ex.getMessage());
		}
		return Map.of("result", true, "name", name);
	}

	@GetMapping("/snapshots")
	Map<String, List<String>> snapshots() {
		Path dir = directory();
		if (!Files.isDirectory(dir)) {
			return Map.of("snapshots", List.of());
		}
		try (Stream<Path> files = Files.list(dir)) {
			return Map.of("snapshots",
					files.map((file) -> file.getFileName().toString())
						.filter((file) -> file.endsWith(SUFFIX))
						.map((file) -> file.substring(0, file.length() - SUFFIX.length()))
						.filter(NAME.asMatchPredicate())
						.sorted()
						.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the snapshots", ex);
		}
	}

	@DeleteMapping("/snapshots/{name}")
	Map<String, Boolean> delete(@PathVariable String name) {
		try {
			if (!Files.deleteIfExists(file(name))) {
				throw ApiException.notFound("there is no snapshot named " + name);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete the snapshot " + name, ex);
		}
		return Map.of("result", true);
	}

	private Path directory() {
		return this.certificates.directory().resolve("snapshots");
	}

	private Path file(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw ApiException.badRequest("a snapshot name is 1 to 64 letters, digits, dots, hyphens or "
					+ "underscores, starting with a letter or a digit");
		}
		return directory().resolve(name + SUFFIX);
	}

	private static ApiException damaged(String name, String reason) {
		return new ApiException(HttpStatus.CONFLICT, "snapshot " + name + " is damaged: " + reason);
	}

	/**
	 * What to reset beyond the default.
	 *
	 * @param tls true: new TLS material (a new CA) too
	 */
	record ResetRequest(Boolean tls) {
	}

	/**
	 * One snapshot file.
	 *
	 * @param tls the TLS feature's state
	 * @param control the clock and the host overrides
	 */
	record Snapshot(TlsState tls, ControlState control) {
	}

	/**
	 * What a snapshot keeps of the control plane beside the TLS state.
	 *
	 * @param clockSystem whether the clock followed real time
	 * @param clockNow the clock's instant when saved (null when it followed real time)
	 * @param clockFrozen whether the clock stood still
	 * @param resource the {@code /system/resource} override, or null
	 * @param tcp the used-TCP-ports override, or null
	 * @param udp the used-UDP-ports override, or null
	 */
	record ControlState(boolean clockSystem, Instant clockNow, boolean clockFrozen, ResourceFigures resource,
			SortedSet<Integer> tcp, SortedSet<Integer> udp) {

		static ControlState capture(EmulatorClock clock, HostResources resources, PortUsage ports) {
			UsedPorts used = ports.overridden().orElse(null);
			return new ControlState(clock.isSystem(), clock.isSystem() ? null : clock.instant(), clock.isFrozen(),
					resources.overridden().orElse(null), (used != null) ? used.tcp() : null,
					(used != null) ? used.udp() : null);
		}

		void apply(EmulatorClock clock, HostResources resources, PortUsage ports) {
			if (this.clockSystem || this.clockNow == null) {
				clock.useSystemTime();
			}
			else {
				clock.freeze(this.clockFrozen);
				clock.set(this.clockNow);
			}
			if (this.resource != null) {
				resources.override(this.resource);
			}
			else {
				resources.clearOverride();
			}
			if (this.tcp != null && this.udp != null) {
				ports.override(this.tcp, this.udp);
			}
			else {
				ports.clearOverride();
			}
		}

	}

}
