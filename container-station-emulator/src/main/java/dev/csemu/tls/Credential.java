package dev.csemu.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A certificate, its private key, and both as the PEM text that is stored and exported.
 *
 * @param certificate the certificate
 * @param key the certificate's private key
 * @param certificatePem the certificate as PEM
 * @param keyPem the key as PKCS#8 PEM
 */
record Credential(X509Certificate certificate, PrivateKey key, String certificatePem, String keyPem) {

	private static final int SAN_DNS = 2;

	private static final int SAN_IP = 7;

	/**
	 * Whether the key belongs to the certificate: a signature made with the key verifies
	 * with the certificate's public key.
	 * @return true for a matching pair
	 */
	boolean keyMatchesCertificate() {
		String algorithm = this.key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		byte[] challenge = new byte[32];
		new SecureRandom().nextBytes(challenge);
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(this.key);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(this.certificate.getPublicKey());
			verifier.update(challenge);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/**
	 * The certificate's subject alternative names.
	 * @return {@code DNS:name} (lower case) and {@code IP:address} entries, in order
	 */
	List<String> subjectAlternativeNames() {
		Collection<List<?>> names;
		try {
			names = this.certificate.getSubjectAlternativeNames();
		}
		catch (CertificateParsingException ex) {
			names = null;
		}
		List<String> result = new ArrayList<>();
		for (List<?> name : (names != null) ? names : List.<List<?>>of()) {
			if ((Integer) name.get(0) == SAN_DNS) {
				result.add("DNS:" + ((String) name.get(1)).toLowerCase(Locale.ROOT));
			}
			else if ((Integer) name.get(0) == SAN_IP) {
				result.add("IP:" + DomainNames.toAddress((String) name.get(1)).getHostAddress());
			}
		}
		return result;
	}

	@Override
	public String toString() {
		// Never print a key.
		return "Credential[" + this.certificate.getSubjectX500Principal() + ", serial "
				+ this.certificate.getSerialNumber().toString(16) + "]";
	}

}
