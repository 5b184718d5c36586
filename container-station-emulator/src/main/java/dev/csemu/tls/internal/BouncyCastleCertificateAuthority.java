package dev.csemu.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes key pairs, issues the certificates of Container Station's Docker TLS set and the
 * NAS web certificate, and reads and writes them as PEM: the only class that uses
 * BouncyCastle, whose X.509 builders and PEM writers run on the JDK's own providers (none
 * is registered globally). Every certificate is signed with SHA-256 and has a positive
 * random serial; the caller chooses the validity.
 */
public final class BouncyCastleCertificateAuthority {

	/** Serials are 127 bits with the top one set: positive, 16 bytes, 126 random bits. */
	private static final int SERIAL_BITS = 127;

	private static final String ORGANIZATION = "Container Station Emulator";

	private final SecureRandom random;

	public BouncyCastleCertificateAuthority(SecureRandom random) {
		this.random = random;
	}

	public KeyPair generateKeyPair(KeyType type) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm());
			if (type.algorithm().equals("EC")) {
				generator.initialize(new ECGenParameterSpec("secp256r1"), this.random);
			}
			else {
				generator.initialize(new RSAKeyGenParameterSpec(type.size(), RSAKeyGenParameterSpec.F4), this.random);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + type.configName() + " key pair", ex);
		}
	}

	/** A self-signed CA: basicConstraints CA, keyCertSign and cRLSign, both critical. */
	public X509Certificate issueCa(KeyPair keys, String commonName, Validity validity) {
		X500Name subject = name(commonName);
		try {
			return sign(
					builder(subject, subject, keys.getPublic(), validity)
						.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
						.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
						.addExtension(Extension.subjectKeyIdentifier, false,
								new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic())),
					keys.getPrivate());
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("Cannot issue the CA certificate", ex);
		}
	}

	/** A server certificate (serverAuth) for the given subject alternative names. */
	public X509Certificate issueServer(Issuer issuer, PublicKey subjectKey, String commonName, List<String> dnsNames,
			List<InetAddress> ipAddresses, Validity validity) {
		return leaf(name(issuer.certificate()), issuer.certificate().getPublicKey(), issuer.key(), subjectKey,
				commonName, validity, KeyPurposeId.id_kp_serverAuth, names(dnsNames, ipAddresses));
	}

	/** A server certificate that is its own issuer, as a NAS makes for its web port. */
	public X509Certificate issueSelfSignedServer(KeyPair keys, String commonName, List<String> dnsNames,
			List<InetAddress> ipAddresses, Validity validity) {
		return leaf(name(commonName), keys.getPublic(), keys.getPrivate(), keys.getPublic(), commonName, validity,
				KeyPurposeId.id_kp_serverAuth, names(dnsNames, ipAddresses));
	}

	/** A client certificate (clientAuth), without subject alternative names. */
	public X509Certificate issueClient(Issuer issuer, PublicKey subjectKey, String commonName, Validity validity) {
		return leaf(name(issuer.certificate()), issuer.certificate().getPublicKey(), issuer.key(), subjectKey,
				commonName, validity, KeyPurposeId.id_kp_clientAuth, null);
	}

	private X509Certificate leaf(X500Name issuerName, PublicKey issuerKey, PrivateKey signer, PublicKey subjectKey,
			String commonName, Validity validity, KeyPurposeId purpose, GeneralNames names) {
		// RSA keys may also carry a TLS 1.2 RSA key exchange; EC keys only sign.
		int usage = subjectKey.getAlgorithm().equals("RSA") ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
				: KeyUsage.digitalSignature;
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = builder(issuerName, name(commonName), subjectKey, validity)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(usage))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
				.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
				.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(issuerKey));
			if (names != null) {
				builder.addExtension(Extension.subjectAlternativeName, false, names);
			}
			return sign(builder, signer);
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("Cannot issue the certificate of " + commonName, ex);
		}
	}

	private static GeneralNames names(List<String> dnsNames, List<InetAddress> ipAddresses) {
		List<GeneralName> names = new ArrayList<>();
		dnsNames.forEach((dns) -> names.add(new GeneralName(GeneralName.dNSName, dns)));
		ipAddresses
			.forEach((ip) -> names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress()))));
		return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
	}

	private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey subjectKey,
			Validity validity) {
		BigInteger serial = new BigInteger(SERIAL_BITS - 1, this.random).setBit(SERIAL_BITS - 1);
		return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(validity.notBefore()),
				Date.from(validity.notAfter()), subject, subjectKey);
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
			throws CertificateException {
		String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		try {
			X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).build(signer));
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (OperatorCreationException ex) {
			throw new CertificateException("Cannot sign with " + algorithm, ex);
		}
	}

	private static X500Name name(X509Certificate certificate) {
		return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
	}

	private static X500Name name(String commonName) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANIZATION)
			.addRDN(BCStyle.CN, commonName)
			.build();
	}

	public String toPem(X509Certificate certificate) {
		return writePem(certificate);
	}

	public String toPem(PrivateKey key) {
		try {
			return writePem(new JcaPKCS8Generator(key, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String writePem(Object object) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	public X509Certificate readCertificate(String pem) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("Not a PEM certificate", ex);
		}
	}

	/** Reads one unencrypted PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
	public PrivateKey readPrivateKey(String pem) {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object = parser.readObject();
			if (!(object instanceof PrivateKeyInfo info)) {
				throw new IllegalArgumentException("Not a PKCS#8 PEM private key");
			}
			ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
			String name = algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
					: algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : null;
			if (name == null) {
				throw new IllegalArgumentException("Unsupported private key algorithm " + algorithm);
			}
			return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not a readable PKCS#8 PEM private key", ex);
		}
	}

	/**
	 * A CA certificate and the key that signs with it.
	 *
	 * @param certificate the CA certificate
	 * @param key its private key
	 */
	public record Issuer(X509Certificate certificate, PrivateKey key) {
	}

	/**
	 * The period a certificate is valid in, with second precision.
	 *
	 * @param notBefore the first valid instant
	 * @param notAfter the last valid instant
	 */
	public record Validity(Instant notBefore, Instant notAfter) {

		public Validity {
			if (!notAfter.isAfter(notBefore)) {
				throw new IllegalArgumentException("notAfter must be after notBefore");
			}
		}

	}

}
