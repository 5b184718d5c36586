package dev.csemu.tls.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs the certificates of Container Station's Docker TLS set and the NAS web
 * certificate: the only class that uses BouncyCastle, for what the JDK has no public API
 * for (keys and PEM are the JDK's). Its builders run on the JDK's own providers (none is
 * registered globally). Every certificate is signed with SHA-256 and has a positive
 * random serial; the caller chooses the validity. Loaded only when a certificate is
 * issued, so a start on an existing TLS folder never loads BouncyCastle.
 */
public final class BouncyCastleCertificateAuthority {

	/** Serials are 127 bits with the top one set: positive, 16 bytes, 126 random bits. */
	private static final int SERIAL_BITS = 127;

	private static final String ORGANIZATION = "Container Station Emulator";

	private BouncyCastleCertificateAuthority() {
	}

	/** What a certificate is for. */
	public enum Profile {

		/** basicConstraints CA and keyCertSign, cRLSign, both critical. */
		CA,
		/** serverAuth, with the subject alternative names. */
		SERVER,
		/** clientAuth. */
		CLIENT

	}

	/**
	 * Issues a certificate.
	 * @param subjectAlternativeNames {@code DNS:name} and {@code IP:address} entries
	 * @param issuer the issuing CA certificate, or null for a self-signed one (signed by
	 * the subject's own key)
	 * @param signer the issuer's private key
	 */
	public static X509Certificate issue(SecureRandom random, Profile profile, String commonName, PublicKey subjectKey,
			List<String> subjectAlternativeNames, X509Certificate issuer, PrivateKey signer, Instant notBefore,
			Instant notAfter) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANIZATION)
			.addRDN(BCStyle.CN, commonName)
			.build();
		PublicKey issuerKey = (issuer != null) ? issuer.getPublicKey() : subjectKey;
		String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		// RSA keys may also carry a TLS 1.2 RSA key exchange; EC keys only sign.
		int usage = (profile == Profile.CA) ? KeyUsage.keyCertSign | KeyUsage.cRLSign
				: subjectKey.getAlgorithm().equals("RSA") ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
						: KeyUsage.digitalSignature;
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
					(issuer != null) ? X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()) : subject,
					new BigInteger(SERIAL_BITS - 1, random).setBit(SERIAL_BITS - 1), Date.from(notBefore),
					Date.from(notAfter), subject, subjectKey)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(profile == Profile.CA))
				.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
			if (profile != Profile.CA) {
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
						(profile == Profile.SERVER) ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
			}
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(subjectKey));
			if (profile != Profile.CA) {
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(issuerKey));
			}
			if (!subjectAlternativeNames.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAlternativeNames
					.stream()
					.map((name) -> new GeneralName(name.startsWith("IP:") ? GeneralName.iPAddress : GeneralName.dNSName,
							name.substring(name.indexOf(':') + 1)))
					.toArray(GeneralName[]::new)));
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
		}
		catch (GeneralSecurityException | CertIOException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot issue the certificate of " + commonName, ex);
		}
	}

}
