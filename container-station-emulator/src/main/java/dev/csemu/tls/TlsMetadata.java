package dev.csemu.tls;

import java.time.Instant;
import java.util.List;

/**
 * What the TLS material is, for a diagnosis report: the certificates' public facts and
 * the state. Never a key.
 *
 * @param directory the TLS folder
 * @param keyType the CA key's type ({@code rsa-2048}, {@code rsa-4096} or
 * {@code ec-p256})
 * @param certificates the CA, server and client certificates, in that order
 * @param domainNames the extra names of the server certificate
 * @param outdatedNotify what {@code GET /tls} answers now
 * @param retiredClientSerials serials (hexadecimal) that the Docker endpoint refuses
 */
public record TlsMetadata(String directory, String keyType, List<CertificateMetadata> certificates,
		List<String> domainNames, boolean outdatedNotify, List<String> retiredClientSerials) {

	/**
	 * The public facts of one certificate.
	 *
	 * @param role {@code ca}, {@code server} or {@code client}
	 * @param subject the subject's distinguished name (RFC 2253)
	 * @param issuer the issuer's distinguished name (RFC 2253)
	 * @param subjectAlternativeNames {@code DNS:name} and {@code IP:address} entries
	 * @param serialNumber the serial, hexadecimal
	 * @param notBefore the first valid instant
	 * @param notAfter the last valid instant
	 */
	public record CertificateMetadata(String role, String subject, String issuer, List<String> subjectAlternativeNames,
			String serialNumber, Instant notBefore, Instant notAfter) {
	}

}
