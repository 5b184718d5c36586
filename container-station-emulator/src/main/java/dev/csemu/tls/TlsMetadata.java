package dev.csemu.tls;

import java.time.Instant;
import java.util.List;

/**
 * What the TLS material is, for a diagnosis report and the control plane: the
 * certificates' public facts and the state. Never a key.
 *
 * @param directory the TLS folder
 * @param keyType the CA key's type, as configured ({@code ec-p256}, ...)
 * @param certificates the CA, server and client certificates, in that order
 * @param domainNames the extra names of the server certificate
 * @param outdatedNotify what {@code GET /tls} answers now
 * @param retiredClientSerials serials (hexadecimal) that the Docker endpoint refuses
 */
public record TlsMetadata(String directory, String keyType, List<CertificateMetadata> certificates,
		List<String> domainNames, boolean outdatedNotify, List<String> retiredClientSerials) {

	/**
	 * The public facts of one certificate: its role ({@code ca}, {@code server} or
	 * {@code client}), names in RFC 2253, {@code DNS:} and {@code IP:} alternative names,
	 * the serial in hexadecimal.
	 */
	public record CertificateMetadata(String role, String subject, String issuer, List<String> subjectAlternativeNames,
			String serialNumber, Instant notBefore, Instant notAfter) {
	}

}
