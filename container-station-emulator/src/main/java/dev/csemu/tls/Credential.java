package dev.csemu.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * A certificate, its private key, and both as the PEM text that is stored and exported.
 *
 * @param certificate the certificate
 * @param key the certificate's private key
 * @param certificatePem the certificate as PEM
 * @param keyPem the key as PKCS#8 PEM
 */
record Credential(X509Certificate certificate, PrivateKey key, String certificatePem, String keyPem) {

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

	@Override
	public String toString() {
		// Never print a key.
		return "Credential[" + this.certificate.getSubjectX500Principal() + ", serial "
				+ this.certificate.getSerialNumber().toString(16) + "]";
	}

}
