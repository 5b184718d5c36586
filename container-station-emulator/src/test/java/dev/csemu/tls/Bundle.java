package dev.csemu.tls;

import dev.csemu.support.CertZip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client bundle as a user unzips it from {@code cert.zip}, read with the JDK only (no
 * BouncyCastle), and turned into a client TLS context the way docker or curl use it.
 *
 * @param ca the CA certificate, {@code ca.pem}
 * @param certificate the client certificate, {@code cert.pem}
 * @param key the client key, {@code key.pem}
 */
record Bundle(X509Certificate ca, X509Certificate certificate, PrivateKey key) {

	private static final char[] PASSWORD = "bundle".toCharArray();

	static Bundle of(byte[] zip) {
		List<Entry> entries = entries(zip);
		return new Bundle(certificate(find(entries, "ca.pem")), certificate(find(entries, "cert.pem")),
				privateKey(find(entries, "key.pem")));
	}

	static List<Entry> entries(byte[] zip) {
		return CertZip.entries(zip)
			.entrySet()
			.stream()
			.map((entry) -> new Entry(entry.getKey(), entry.getValue()))
			.toList();
	}

	private static String find(List<Entry> entries, String name) {
		return entries.stream()
			.filter((entry) -> entry.name().equals(name))
			.map(Entry::content)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in the bundle"));
	}

	/**
	 * Whether the bundle holds together: the certificate signed by the CA and the key its
	 * own.
	 * @return true when it does
	 */
	boolean isConsistent() {
		try {
			this.certificate.verify(this.ca.getPublicKey());
			String algorithm = this.key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
			byte[] challenge = new byte[16];
			new SecureRandom().nextBytes(challenge);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(this.key);
			signer.update(challenge);
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(this.certificate.getPublicKey());
			verifier.update(challenge);
			return verifier.verify(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/**
	 * A client TLS context presenting this bundle's certificate and trusting its CA.
	 * @return the context
	 */
	SSLContext clientContext() {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", this.key, PASSWORD, new Certificate[] { this.certificate, this.ca });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), trustingOnly(this.ca), new SecureRandom());
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A client TLS context that trusts the CA but presents no certificate.
	 * @param ca the CA to trust
	 * @return the context
	 */
	static SSLContext withoutClientCertificate(X509Certificate ca) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustingOnly(ca), new SecureRandom());
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TrustManager[] trustingOnly(X509Certificate ca) throws GeneralSecurityException, IOException {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("ca", ca);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		return trustManagers.getTrustManagers();
	}

	static X509Certificate certificate(String pem) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	static PrivateKey privateKey(String pem) {
		if (!pem.startsWith("-----BEGIN PRIVATE KEY-----")) {
			throw new IllegalArgumentException("not a PKCS#8 PEM key");
		}
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
		for (String algorithm : List.of("EC", "RSA")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException ex) {
				// Try the next algorithm.
			}
		}
		throw new IllegalArgumentException("neither an EC nor an RSA key");
	}

	/**
	 * One file of the archive.
	 *
	 * @param name the file's name
	 * @param content its text
	 */
	record Entry(String name, String content) {
	}

}
