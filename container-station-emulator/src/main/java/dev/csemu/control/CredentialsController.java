package dev.csemu.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.csemu.auth.AccessProtection;
import dev.csemu.auth.SessionStore;
import dev.csemu.tls.TlsCertificates;
import dev.csemu.tls.TlsMetadata;
import dev.csemu.tls.TlsMetadata.CertificateMetadata;
import dev.csemu.tls.WebCertificate;
import dev.csemu.web.ApiException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * What lets clients in, as the emulator's clock sees it: who is signed in (Container
 * Station sessions and QTS sids, never their ids) and which addresses and accounts access
 * protection holds back; each certificate's public facts and days left, rotating the
 * client certificate, the client bundle and the HTTPS port's certificate.
 */
@ControlApi
class CredentialsController {

	private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final TlsCertificates certificates;

	private final ObjectProvider<WebCertificate> webCertificate;

	private final Clock clock;

	CredentialsController(@Qualifier("sessionStore") SessionStore sessions,
			@Qualifier("qtsSidStore") SessionStore qtsSids, AccessProtection accessProtection,
			TlsCertificates certificates, ObjectProvider<WebCertificate> webCertificate, Clock clock) {
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.certificates = certificates;
		this.webCertificate = webCertificate;
		this.clock = clock;
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
