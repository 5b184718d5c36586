package dev.csemu.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.auth.AccessProtection;
import dev.csemu.auth.SessionStore;
import dev.csemu.clock.EmulatorClock;
import dev.csemu.network.PortUsage;
import dev.csemu.network.UsedPorts;
import dev.csemu.system.HostResources;
import dev.csemu.system.ResourceFigures;
import dev.csemu.system.ResourceResponse;
import dev.csemu.tls.PrivateFiles;
import dev.csemu.tls.TlsCertificates;
import dev.csemu.tls.TlsMetadata;
import dev.csemu.tls.TlsMetadata.CertificateMetadata;
import dev.csemu.tls.TlsState;
import dev.csemu.tls.WebCertificate;
import dev.csemu.web.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The emulator's state as a test reads and sets it: the emulated host's clock (read, set,
 * advance, freeze, or back to real time), the next {@code /system/resource} figures and
 * the ports {@code /system/port} reports as used, overrides that hold until cleared or
 * reset; who is signed in (Container Station sessions and QTS sids, never their ids) and
 * which addresses and accounts access protection holds back; each certificate's public
 * facts and days left on the emulator's clock, rotating the client certificate, the
 * client bundle and the HTTPS port's certificate; back to a known state between tests;
 * and named snapshots of its durable part, one owner-only file each,
 * {@code snapshots/<name>.json} in the TLS folder (whose lock keeps other emulators
 * away): the TLS state as the TLS feature hands it over, the clock and the host
 * overrides.
 */
@ControlApi
class StateController {

	/** The earliest instant the clock may show. */
	static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	/** The clock stays before this instant. */
	static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

	private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final String SUFFIX = ".json";

	private final EmulatorClock clock;

	private final HostResources resources;

	private final PortUsage ports;

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final TrafficFilter traffic;

	private final TlsCertificates certificates;

	private final ObjectProvider<WebCertificate> webCertificate;

	private final JsonMapper jsonMapper;

	StateController(EmulatorClock clock, HostResources resources, PortUsage ports,
			@Qualifier("sessionStore") SessionStore sessions, @Qualifier("qtsSidStore") SessionStore qtsSids,
			AccessProtection accessProtection, TrafficFilter traffic, TlsCertificates certificates,
			ObjectProvider<WebCertificate> webCertificate, JsonMapper jsonMapper) {
		this.clock = clock;
		this.resources = resources;
		this.ports = ports;
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.traffic = traffic;
		this.certificates = certificates;
		this.webCertificate = webCertificate;
		this.jsonMapper = jsonMapper;
	}

	@GetMapping("/clock")
	ClockView get() {
		return ClockView.of(this.clock);
	}

	@PutMapping("/clock")
	ClockView put(@RequestBody ClockRequest request) {
		if (request.now() == null && request.advance() == null && request.frozen() == null
				&& request.system() == null) {
			throw ApiException.badRequest("give now, advance, frozen or system");
		}
		Instant now = (request.now() != null) ? parseInstant(request.now(), "now") : null;
		Duration advance = (request.advance() != null) ? parseDuration(request.advance()) : null;
		checkWithinBounds(request, now, advance);
		if (Boolean.TRUE.equals(request.system())) {
			this.clock.useSystemTime();
		}
		if (Boolean.TRUE.equals(request.frozen())) {
			// Frozen first, so that "now" is exactly the instant asked for.
			this.clock.freeze(true);
		}
		if (now != null) {
			this.clock.set(now);
		}
		if (advance != null) {
			this.clock.advance(advance);
		}
		if (Boolean.FALSE.equals(request.frozen())) {
			this.clock.freeze(false);
		}
		return ClockView.of(this.clock);
	}

	/**
	 * Refuses a change that would take the clock outside {@link #EARLIEST} to
	 * {@link #LATEST}: beyond, certificates (valid 1080 days from now) and four-digit
	 * dates cannot be made, and instant arithmetic overflows, so every later request
	 * would fail.
	 */
	private void checkWithinBounds(ClockRequest request, Instant now, Duration advance) {
		Instant target = (now != null) ? now
				: Boolean.TRUE.equals(request.system()) ? Instant.now() : this.clock.instant();
		try {
			target = (advance != null) ? target.plus(advance) : target;
		}
		catch (DateTimeException | ArithmeticException ex) {
			target = null;
		}
		if (target == null || target.isBefore(EARLIEST) || !target.isBefore(LATEST)) {
			throw ApiException.badRequest("the clock must stay from " + EARLIEST + " to before " + LATEST);
		}
	}

	/**
	 * An instant as clients of the control API write it: ISO-8601, with or without an
	 * offset.
	 */
	static Instant parseInstant(String value, String name) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException again) {
				throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
			}
		}
	}

	private static Duration parseDuration(String value) {
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badRequest("advance must be an ISO-8601 duration such as P30D or PT1H");
		}
	}

	@PutMapping("/host/resource")
	ResourceResponse setResource(@RequestBody ResourceOverride request) {
		if (request.cpuUsage() == null || request.memoryUsage() == null) {
			throw ApiException.badRequest("cpu_usage and memory_usage are required");
		}
		ResourceOverride.Memory memory = request.memoryUsage();
		if (memory.total() == null || memory.used() == null || memory.buffers() == null || memory.cached() == null) {
			throw ApiException.badRequest("memory_usage needs total, used, buffers and cached (MB)");
		}
		if (!partsFitIn(memory)) {
			throw ApiException.badRequest("memory_usage: used, buffers and cached must add up to at most total");
		}
		double cpu;
		try {
			cpu = Double.parseDouble(request.cpuUsage());
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("cpu_usage must be a number in a string, such as \"7.5\"");
		}
		try {
			this.resources
				.override(new ResourceFigures(cpu, memory.total(), memory.used(), memory.buffers(), memory.cached()));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		return this.resources.current();
	}

	@DeleteMapping("/host/resource")
	Map<String, Boolean> clearResource() {
		this.resources.clearOverride();
		return Map.of("result", true);
	}

	@GetMapping("/host/ports")
	UsedPorts usedPorts() {
		return this.ports.listening();
	}

	@PutMapping("/host/ports")
	UsedPorts setPorts(@RequestBody PortsOverride request) {
		try {
			this.ports.override(toSet(request.tcp()), toSet(request.udp()));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		return this.ports.listening();
	}

	@DeleteMapping("/host/ports")
	Map<String, Boolean> clearPorts() {
		this.ports.clearOverride();
		return Map.of("result", true);
	}

	/**
	 * Whether used, buffers and cached fit in total, as on a real host (total - free), so
	 * that every percentage of {@code /system/resource} is at most 100; totals so large
	 * that a percentage would overflow do not fit either.
	 */
	private static boolean partsFitIn(ResourceOverride.Memory memory) {
		if (memory.total() > Long.MAX_VALUE / 100) {
			return false;
		}
		try {
			return Math.addExact(Math.addExact(memory.used(), memory.buffers()), memory.cached()) <= memory.total();
		}
		catch (ArithmeticException ex) {
			return false;
		}
	}

	private static Set<Integer> toSet(List<Integer> ports) {
		if (ports == null) {
			return Set.of();
		}
		if (ports.contains(null)) {
			throw ApiException.badRequest("ports must be integers from 1 to 65535");
		}
		return new TreeSet<>(ports);
	}

	/** No sessions, faults, journal entries, blocks or overrides, and real time. */
	@PostMapping("/reset")
	Map<String, Boolean> reset(@RequestBody(required = false) ResetRequest request) {
		this.sessions.clear();
		this.qtsSids.clear();
		this.accessProtection.clear();
		this.traffic.clearFaults();
		this.traffic.clearJournal();
		this.clock.useSystemTime();
		this.resources.clearOverride();
		this.ports.clearOverride();
		if (request != null && Boolean.TRUE.equals(request.tls())) {
			this.certificates.regenerate();
		}
		return Map.of("result", true);
	}

	@GetMapping("/sessions")
	List<SessionView> sessions() {
		Instant now = this.clock.instant();
		List<SessionView> views = new ArrayList<>();
		this.sessions.list().forEach((session) -> views.add(SessionView.of("session", session, now)));
		this.qtsSids.list().forEach((sid) -> views.add(SessionView.of("qts-sid", sid, now)));
		views.sort(Comparator.comparing(SessionView::loginTime).reversed());
		return views;
	}

	@DeleteMapping("/sessions/{handle}")
	Map<String, Boolean> endSession(@PathVariable String handle) {
		if (!this.sessions.removeByHandle(handle) && !this.qtsSids.removeByHandle(handle)) {
			throw ApiException.notFound("no session " + handle);
		}
		return Map.of("result", true);
	}

	@GetMapping("/blocks")
	List<AccessProtection.Block> blocks() {
		return this.accessProtection.blocks();
	}

	@GetMapping("/certificates")
	CertificatesView certificates() {
		TlsMetadata metadata = this.certificates.metadata();
		Instant now = this.clock.instant();
		return new CertificatesView(now, metadata.keyType(), metadata.outdatedNotify(), metadata.domainNames(),
				metadata.retiredClientSerials(),
				metadata.certificates().stream().map((certificate) -> CertificateView.of(certificate, now)).toList());
	}

	@PostMapping("/certificates/client/rotation")
	CertificatesView rotateClient() {
		this.certificates.rotateClient();
		return certificates();
	}

	/**
	 * The NAS web certificate the HTTPS port serves (followed by the CA's when the CA
	 * issued it), for clients that pin or trust it.
	 */
	@GetMapping("/certificates/web")
	ResponseEntity<String> web() {
		WebCertificate web = this.webCertificate.getIfAvailable();
		if (web == null) {
			throw ApiException.notFound("the HTTPS port is off (emulator.https.port)");
		}
		return ResponseEntity.ok().contentType(PEM).body(web.pem());
	}

	@GetMapping("/certificates/bundle")
	ResponseEntity<byte[]> bundle() {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("cert.zip").build().toString())
			.body(this.certificates.exportBundle());
	}

	@PostMapping("/snapshots/{name}")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> save(@PathVariable String name) throws IOException {
		Path file = file(name);
		PrivateFiles.createOwnerOnlyDirectory(file.getParent());
		PrivateFiles.write(file, this.jsonMapper.writeValueAsBytes(new Snapshot(this.certificates.state(), capture())),
				true);
		return Map.of("result", true, "name", name);
	}

	@PostMapping("/snapshots/{name}/restore")
	Map<String, Object> restore(@PathVariable String name) throws IOException {
		Snapshot snapshot;
		try {
			snapshot = this.jsonMapper.readValue(Files.readAllBytes(file(name)), Snapshot.class);
		}
		catch (NoSuchFileException ex) {
			throw ApiException.notFound("there is no snapshot named " + name);
		}
		catch (JacksonException ex) {
			throw damaged(name, ex.getOriginalMessage());
		}
		if (snapshot.tls() == null || snapshot.control() == null) {
			throw damaged(name, "a part is missing");
		}
		try {
			this.certificates.restore(snapshot.tls());
			apply(snapshot.control());
		}
		catch (IllegalArgumentException ex) {
			throw damaged(name, ex.getMessage());
		}
		return Map.of("result", true, "name", name);
	}

	@GetMapping("/snapshots")
	Map<String, List<String>> snapshots() throws IOException {
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
	}

	@DeleteMapping("/snapshots/{name}")
	Map<String, Boolean> delete(@PathVariable String name) throws IOException {
		if (!Files.deleteIfExists(file(name))) {
			throw ApiException.notFound("there is no snapshot named " + name);
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

	private ControlState capture() {
		UsedPorts used = this.ports.overridden().orElse(null);
		return new ControlState(this.clock.isSystem(), this.clock.isSystem() ? null : this.clock.instant(),
				this.clock.isFrozen(), this.resources.overridden().orElse(null), (used != null) ? used.tcp() : null,
				(used != null) ? used.udp() : null);
	}

	private void apply(ControlState state) {
		if (state.clockSystem() || state.clockNow() == null) {
			this.clock.useSystemTime();
		}
		else {
			this.clock.freeze(state.clockFrozen());
			this.clock.set(state.clockNow());
		}
		Optional.ofNullable(state.resource()).ifPresentOrElse(this.resources::override, this.resources::clearOverride);
		if (state.tcp() != null && state.udp() != null) {
			this.ports.override(state.tcp(), state.udp());
		}
		else {
			this.ports.clearOverride();
		}
	}

	/**
	 * A change to the clock: back to real time, frozen, moved to {@code now}, advanced,
	 * thawed, in that order, for the fields given.
	 *
	 * @param system true: back to real time
	 * @param now the instant to move to (ISO-8601)
	 * @param advance how far to move forward, or back when negative (ISO-8601 duration)
	 * @param frozen stop or restart the clock
	 */
	record ClockRequest(Boolean system, String now, String advance, Boolean frozen) {
	}

	/**
	 * The clock as it stands.
	 *
	 * @param now the current instant
	 * @param zone the time zone of {@code logintime} and the report
	 * @param system whether it follows real time
	 * @param frozen whether it stands still
	 * @param offset how far it is from real time
	 */
	record ClockView(Instant now, String zone, boolean system, boolean frozen, Duration offset) {

		static ClockView of(EmulatorClock clock) {
			return new ClockView(clock.instant(), clock.getZone().getId(), clock.isSystem(), clock.isFrozen(),
					clock.offset());
		}

	}

	/**
	 * The figures {@code /system/resource} is to report, in its own shape; the
	 * percentages are derived.
	 *
	 * @param cpuUsage CPU use in percent, as a string with one decimal
	 * @param memoryUsage memory in MB
	 */
	record ResourceOverride(@JsonProperty("cpu_usage") String cpuUsage,
			@JsonProperty("memory_usage") Memory memoryUsage) {

		/**
		 * Memory figures in MB.
		 *
		 * @param total all memory
		 * @param used in use, excluding buffers and cache
		 * @param buffers block device buffers
		 * @param cached the page cache
		 */
		record Memory(Long total, Long used, Long buffers, Long cached) {
		}

	}

	/**
	 * The ports to report as used.
	 *
	 * @param tcp used TCP ports
	 * @param udp used UDP ports
	 */
	record PortsOverride(List<Integer> tcp, List<Integer> udp) {
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
	}

	/**
	 * A live session or QTS sid, never its id.
	 *
	 * @param handle names it for {@code DELETE /_emulator/sessions/{handle}}
	 * @param kind {@code session} (the {@code CS_SESS_ID} cookie) or {@code qts-sid}
	 * @param user the account
	 * @param admin whether the account is an administrator
	 * @param via how it was signed in: {@code password}, {@code two_step} or {@code sid}
	 * @param address the client's address at sign-in
	 * @param loginTime when it was opened, on the emulator's clock
	 * @param lastSeen its last use
	 * @param expiresAt when it ends unless used again (or at its absolute end)
	 * @param idleSecondsLeft seconds until then (0 once past)
	 */
	record SessionView(String handle, String kind, String user, boolean admin, String via, String address,
			Instant loginTime, Instant lastSeen, Instant expiresAt, long idleSecondsLeft) {

		static SessionView of(String kind, SessionStore.SessionInfo info, Instant now) {
			Instant idleEnd = now.plus(info.idleTimeLeft());
			Instant expiresAt = idleEnd.isBefore(info.endsAt()) ? idleEnd : info.endsAt();
			long left = Math.max(0, Duration.between(now, expiresAt).toSeconds());
			return new SessionView(info.handle(), kind, info.username(), info.admin(),
					info.signedInWith().name().toLowerCase(Locale.ROOT), info.clientAddress(), info.loginTime(),
					info.lastSeen(), expiresAt, left);
		}

	}

	/**
	 * The TLS material now.
	 *
	 * @param now the emulator's clock
	 * @param keyType the CA key's type
	 * @param outdatedNotify what {@code GET /tls} answers now: the client certificate's
	 * warning
	 * @param domainNames the extra names of the server certificate
	 * @param retiredClientSerials serials the Docker endpoint refuses
	 * @param certificates the CA, server and client certificates
	 */
	record CertificatesView(Instant now, String keyType, boolean outdatedNotify, List<String> domainNames,
			List<String> retiredClientSerials, List<CertificateView> certificates) {
	}

	/**
	 * One certificate's public facts.
	 *
	 * @param role {@code ca}, {@code server} or {@code client}
	 * @param subject the subject (RFC 2253)
	 * @param issuer the issuer (RFC 2253)
	 * @param subjectAlternativeNames {@code DNS:} and {@code IP:} entries
	 * @param serialNumber the serial, hexadecimal
	 * @param notBefore the first valid instant
	 * @param notAfter the last valid instant
	 * @param daysLeft whole days from the emulator's clock to {@code notAfter}; negative
	 * once it has ended
	 * @param valid whether the emulator's clock lies within its validity
	 */
	record CertificateView(String role, String subject, String issuer, List<String> subjectAlternativeNames,
			String serialNumber, Instant notBefore, Instant notAfter, long daysLeft, boolean valid) {

		static CertificateView of(CertificateMetadata certificate, Instant now) {
			Duration left = Duration.between(now, certificate.notAfter());
			long days = left.isNegative() ? -Duration.between(certificate.notAfter(), now).toDays() - 1 : left.toDays();
			boolean valid = !now.isBefore(certificate.notBefore()) && !now.isAfter(certificate.notAfter());
			return new CertificateView(certificate.role(), certificate.subject(), certificate.issuer(),
					certificate.subjectAlternativeNames(), certificate.serialNumber(), certificate.notBefore(),
					certificate.notAfter(), days, valid);
		}

	}

}
