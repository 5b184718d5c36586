package dev.csemu.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Who may use the Docker endpoint: a client certificate issued and signed by the current
 * CA, for client authentication, valid on the emulator's clock, and not retired by a
 * rotation.
 */
final class ClientCertificateCheck {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private final TlsCertificates certificates;

	private final Clock clock;

	ClientCertificateCheck(TlsCertificates certificates, Clock clock) {
		this.certificates = certificates;
		this.clock = clock;
	}

	/**
	 * Accepts a client certificate, or says why not.
	 * @param certificate the client's certificate
	 * @throws CertificateException when it is refused
	 */
	void check(X509Certificate certificate) throws CertificateException {
		TlsGeneration generation = this.certificates.current();
		X509Certificate ca = generation.ca().certificate();
		if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
			throw new CertificateException("the client certificate was not issued by the emulator's CA");
		}
		try {
			certificate.verify(ca.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw new CertificateException("the client certificate is not signed by the emulator's current CA", ex);
		}
		List<String> usages = certificate.getExtendedKeyUsage();
		if (usages == null || !usages.contains(CLIENT_AUTH)) {
			throw new CertificateException("the certificate is not for client authentication");
		}
		certificate.checkValidity(Date.from(this.clock.instant()));
		if (generation.retiredClientSerials().contains(certificate.getSerialNumber())) {
			throw new CertificateException("client certificate " + TlsGeneration.hex(certificate.getSerialNumber())
					+ " was retired by a rotation");
		}
	}

}
