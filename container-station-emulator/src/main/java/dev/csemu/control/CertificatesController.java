package dev.csemu.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.csemu.tls.TlsCertificates;
import dev.csemu.tls.TlsMetadata;
import dev.csemu.tls.TlsMetadata.CertificateMetadata;
import dev.csemu.tls.WebCertificate;
import dev.csemu.web.ApiException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The TLS material as the emulator's clock sees it: each certificate's public facts and
 * days left; rotating the client certificate; the client bundle.
 */
@ControlApi
class CertificatesController {

	private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

	private final TlsCertificates certificates;

	private final Clock clock;

	private final ObjectProvider<WebCertificate> webCertificate;

	CertificatesController(TlsCertificates certificates, Clock clock, ObjectProvider<WebCertificate> webCertificate) {
		this.certificates = certificates;
		this.clock = clock;
		this.webCertificate = webCertificate;
	}

	@GetMapping("/certificates")
	CertificatesView get() {
		return CertificatesView.of(this.certificates.metadata(), this.clock.instant());
	}

	@PostMapping("/certificates/client/rotation")
	CertificatesView rotateClient() {
		this.certificates.rotateClient();
		return get();
	}

	/**
	 * The NAS web certificate the HTTPS port serves (followed by the CA's when the CA
	 * issued it), for clients that pin or trust it.
	 */
	@GetMapping("/certificates/web")
	ResponseEntity<String> web() {
		WebCertificate web = this.webCertificate.getIfAvailable();
		if (web == null) {
			throw new ApiException(HttpStatus.NOT_FOUND, "the HTTPS port is off (emulator.https.port)");
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

		static CertificatesView of(TlsMetadata metadata, Instant now) {
			return new CertificatesView(now, metadata.keyType(), metadata.outdatedNotify(), metadata.domainNames(),
					metadata.retiredClientSerials(),
					metadata.certificates()
						.stream()
						.map((certificate) -> CertificateView.of(certificate, now))
						.toList());
		}

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
