package dev.csemu.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import dev.csemu.tls.TlsGeneration.Credential;
import dev.csemu.tls.internal.KeyType;

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

	static TlsMetadata of(TlsGeneration generation, Path directory, boolean outdatedNotify) {
		List<CertificateMetadata> certificates = List.of(describe("ca", generation.ca()),
				describe("server", generation.server()), describe("client", generation.client()));
		return new TlsMetadata(directory.toString(),
				KeyType.of(generation.ca().certificate().getPublicKey()).configName(), certificates,
				generation.domainNames(), outdatedNotify,
				generation.retiredClientSerials().stream().map(TlsGeneration::hex).toList());
	}

	private static CertificateMetadata describe(String role, Credential credential) {
		X509Certificate certificate = credential.certificate();
		return new CertificateMetadata(role, certificate.getSubjectX500Principal().getName(),
				certificate.getIssuerX500Principal().getName(), credential.subjectAlternativeNames(),
				TlsGeneration.hex(certificate.getSerialNumber()), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant());
	}

	/**
	 * The public facts of one certificate: its role ({@code ca}, {@code server} or
	 * {@code client}), names in RFC 2253, {@code DNS:} and {@code IP:} alternative names,
	 * the serial in hexadecimal.
	 */
	public record CertificateMetadata(String role, String subject, String issuer, List<String> subjectAlternativeNames,
			String serialNumber, Instant notBefore, Instant notAfter) {
	}

}
