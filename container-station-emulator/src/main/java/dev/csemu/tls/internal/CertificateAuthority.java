package dev.csemu.tls.internal;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Makes key pairs and issues the three certificates of Container Station's Docker TLS
 * set, and reads and writes them as PEM. Every certificate is signed with SHA-256 and has
 * a positive random serial of more than 64 bits. The caller chooses the validity.
 */
public interface CertificateAuthority {

	/**
	 * A new key pair.
	 * @param type the kind of key
	 * @return the pair
	 */
	KeyPair generateKeyPair(KeyType type);

	/**
	 * A self-signed CA certificate: basicConstraints CA, keyCertSign and cRLSign, both
	 * critical.
	 * @param keys the CA's key pair
	 * @param commonName the subject's CN
	 * @param validity when it is valid
	 * @return the certificate
	 */
	X509Certificate issueCa(KeyPair keys, String commonName, Validity validity);

	/**
	 * A server certificate: extended key usage serverAuth, the given subject alternative
	 * names.
	 * @param issuer the CA that signs it
	 * @param subjectKey the server's public key
	 * @param commonName the subject's CN
	 * @param dnsNames DNS subject alternative names
	 * @param ipAddresses IP address subject alternative names
	 * @param validity when it is valid
	 * @return the certificate
	 */
	X509Certificate issueServer(Issuer issuer, PublicKey subjectKey, String commonName, List<String> dnsNames,
			List<InetAddress> ipAddresses, Validity validity);

	/**
	 * A self-signed server certificate, as a NAS makes for its web port: its own issuer,
	 * extended key usage serverAuth, the given subject alternative names.
	 * @param keys the server's key pair, which also signs
	 * @param commonName the subject's and the issuer's CN
	 * @param dnsNames DNS subject alternative names
	 * @param ipAddresses IP address subject alternative names
	 * @param validity when it is valid
	 * @return the certificate
	 */
	X509Certificate issueSelfSignedServer(KeyPair keys, String commonName, List<String> dnsNames,
			List<InetAddress> ipAddresses, Validity validity);

	/**
	 * A client certificate: extended key usage clientAuth.
	 * @param issuer the CA that signs it
	 * @param subjectKey the client's public key
	 * @param commonName the subject's CN
	 * @param validity when it is valid
	 * @return the certificate
	 */
	X509Certificate issueClient(Issuer issuer, PublicKey subjectKey, String commonName, Validity validity);

	/**
	 * A certificate as PEM ({@code BEGIN CERTIFICATE}).
	 * @param certificate the certificate
	 * @return the PEM text, ending with a line break
	 */
	String toPem(X509Certificate certificate);

	/**
	 * A private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
	 * @param key the key
	 * @return the PEM text, ending with a line break
	 */
	String toPem(PrivateKey key);

	/**
	 * Reads one PEM certificate.
	 * @param pem the PEM text
	 * @return the certificate
	 * @throws IllegalArgumentException when the text holds no certificate
	 */
	X509Certificate readCertificate(String pem);

	/**
	 * Reads one PKCS#8 PEM private key.
	 * @param pem the PEM text
	 * @return the key
	 * @throws IllegalArgumentException when the text holds no supported key
	 */
	PrivateKey readPrivateKey(String pem);

	/**
	 * A certificate and the key that signs with it.
	 *
	 * @param certificate the CA certificate
	 * @param key its private key
	 */
	record Issuer(X509Certificate certificate, PrivateKey key) {
	}

	/**
	 * The period a certificate is valid in, with second precision.
	 *
	 * @param notBefore the first valid instant
	 * @param notAfter the last valid instant
	 */
	record Validity(Instant notBefore, Instant notAfter) {

		public Validity {
			if (!notAfter.isAfter(notBefore)) {
				throw new IllegalArgumentException("notAfter must be after notBefore");
			}
		}

	}

}
