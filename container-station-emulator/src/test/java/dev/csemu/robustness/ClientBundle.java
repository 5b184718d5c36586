package dev.csemu.robustness;

import dev.csemu.support.CertZip;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The files of {@code cert.zip} as a user unzips them, read with the JDK alone.
 *
 * @param files the archive's entries by name
 */
record ClientBundle(Map<String, String> files) {

	static ClientBundle of(byte[] zip) {
		return new ClientBundle(CertZip.entries(zip));
	}

	/**
	 * What is wrong with the bundle: each of {@code ca.pem}, {@code cert.pem} and
	 * {@code key.pem} present and readable, {@code cert.pem}'s public key the one of
	 * {@code key.pem} (a signature made with the key verifies with the certificate), and
	 * {@code cert.pem} issued and signed by {@code ca.pem}.
	 * @return the problems; empty for a good bundle
	 */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (!this.files.keySet().containsAll(List.of("ca.pem", "cert.pem", "key.pem"))) {
			problems.add("entries are " + this.files.keySet());
			return problems;
		}
		try {
			X509Certificate ca = certificate(this.files.get("ca.pem"));
			X509Certificate certificate = certificate(this.files.get("cert.pem"));
			PrivateKey key = privateKey(this.files.get("key.pem"));
			if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
				problems.add("cert.pem is issued by " + certificate.getIssuerX500Principal() + ", not by ca.pem");
			}
			try {
				certificate.verify(ca.getPublicKey());
			}
			catch (GeneralSecurityException ex) {
				problems.add("cert.pem is not signed by ca.pem: " + ex.getMessage());
			}
			if (!signsFor(key, certificate)) {
				problems.add("key.pem is not the key of cert.pem");
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			problems.add("unreadable: " + ex);
		}
		return problems;
	}

	X509Certificate certificate() {
		try {
			return certificate(this.files.get("cert.pem"));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean signsFor(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
		String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		byte[] challenge = new byte[32];
		new SecureRandom().nextBytes(challenge);
		Signature signer = Signature.getInstance(algorithm);
		signer.initSign(key);
		signer.update(challenge);
		Signature verifier = Signature.getInstance(algorithm);
		verifier.initVerify(certificate.getPublicKey());
		verifier.update(challenge);
		return verifier.verify(signer.sign());
	}

	private static X509Certificate certificate(String pem) throws GeneralSecurityException {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
	}

	private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
		GeneralSecurityException last = null;
		for (String algorithm : List.of("EC", "RSA")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException ex) {
				last = ex;
			}
		}
		throw last;
	}

}
