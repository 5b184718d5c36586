package dev.csemu.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.csemu.tls.TlsMetadata.CertificateMetadata;

/**
 * One complete, immutable version of the TLS material and its state, read from (and
 * written as) a {@link TlsState}. The current generation is replaced in a single swap, so
 * whoever reads it sees certificates and keys that belong together.
 *
 * @param outdatedNotify false once a user dismissed the expiry warning of this client
 * certificate
 * @param retiredClientSerials serials of client certificates replaced by a rotation
 */
record TlsGeneration(Credential ca, Credential server, Credential client, List<String> domainNames,
		boolean outdatedNotify, Set<BigInteger> retiredClientSerials) {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	TlsGeneration {
		domainNames = List.copyOf(domainNames);
		retiredClientSerials = Collections.unmodifiableSet(new LinkedHashSet<>(retiredClientSerials));
	}

	TlsGeneration withServer(Credential newServer, List<String> names) {
		return new TlsGeneration(this.ca, newServer, this.client, names, this.outdatedNotify,
				this.retiredClientSerials);
	}

	TlsGeneration withOutdatedNotify(boolean notify) {
		return new TlsGeneration(this.ca, this.server, this.client, this.domainNames, notify,
				this.retiredClientSerials);
	}

	/**
	 * After a rotation: the old client's serial retired, the expiry warning armed again.
	 */
	TlsGeneration withRotatedClient(Credential newClient) {
		Set<BigInteger> retired = new LinkedHashSet<>(this.retiredClientSerials);
		retired.add(this.client.certificate().getSerialNumber());
		return new TlsGeneration(this.ca, this.server, newClient, this.domainNames, true, retired);
	}

	TlsState toState() {
		return new TlsState(TlsState.FORMAT, this.ca.certificatePem(), this.ca.keyPem(), this.server.certificatePem(),
				this.server.keyPem(), this.client.certificatePem(), this.client.keyPem(), this.domainNames,
				this.outdatedNotify, this.retiredClientSerials.stream().map(TlsGeneration::hex).toList());
	}

	/**
	 * Reads a generation back from its state; IllegalArgumentException unless it is
	 * whole.
	 */
	static TlsGeneration fromState(TlsState state) {
		Credential ca = Credential.read(state.caCertificate(), state.caKey(), "the CA");
		Credential server = Credential.read(state.serverCertificate(), state.serverKey(), "the server");
		Credential client = Credential.read(state.clientCertificate(), state.clientKey(), "the client");
		List<String> domainNames = (state.domainNames() != null) ? state.domainNames() : List.of();
		for (String name : domainNames) {
			if (!DomainNames.isHostName(name) && !DomainNames.isIpLiteral(name)) {
				throw new IllegalArgumentException("a bad domain name: " + name);
			}
		}
		Set<BigInteger> retired = new LinkedHashSet<>();
		for (String serial : (state.retiredClientSerials() != null) ? state.retiredClientSerials()
				: List.<String>of()) {
			try {
				retired.add(new BigInteger(serial, 16));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("a bad serial: " + serial, ex);
			}
		}
		TlsGeneration generation = new TlsGeneration(ca, server, client, domainNames, state.outdatedNotify(), retired);
		generation.checkWhole();
		return generation;
	}

	/**
	 * Every certificate signed by the CA, every key matching its certificate, or
	 * IllegalArgumentException.
	 */
	void checkWhole() {
		for (Credential credential : List.of(this.ca, this.server, this.client)) {
			String what = (credential == this.ca) ? "the CA certificate"
					: (credential == this.server) ? "the server certificate" : "the client certificate";
			if (!credential.isIssuedBy(this.ca.certificate())) {
				throw new IllegalArgumentException(what + " is not signed by the CA");
			}
			if (!credential.keyMatchesCertificate()) {
				throw new IllegalArgumentException("the key of " + what + " does not match it");
			}
		}
	}

	/**
	 * Who may use the Docker endpoint: a client certificate issued and signed by this CA,
	 * for client authentication, valid at the instant, and not retired by a rotation.
	 * @throws CertificateException saying why the certificate is refused
	 */
	void checkClient(X509Certificate certificate, Instant now) throws CertificateException {
		X509Certificate authority = this.ca.certificate();
		if (!certificate.getIssuerX500Principal().equals(authority.getSubjectX500Principal())) {
			throw new CertificateException("the client certificate was not issued by the emulator's CA");
		}
		try {
			certificate.verify(authority.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw new CertificateException("the client certificate is not signed by the emulator's current CA", ex);
		}
		List<String> usages = certificate.getExtendedKeyUsage();
		if (usages == null || !usages.contains(CLIENT_AUTH)) {
			throw new CertificateException("the certificate is not for client authentication");
		}
		certificate.checkValidity(Date.from(now));
		if (this.retiredClientSerials.contains(certificate.getSerialNumber())) {
			throw new CertificateException(
					"client certificate " + hex(certificate.getSerialNumber()) + " was retired by a rotation");
		}
	}

	static String hex(BigInteger serial) {
		return serial.toString(16).toUpperCase(Locale.ROOT);
	}

	/**
	 * A certificate, its private key, and both as the PEM text that is stored and
	 * exported (PKCS#8 for the key), read and written by the JDK alone.
	 */
	record Credential(X509Certificate certificate, PrivateKey key, String certificatePem, String keyPem) {

		private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";

		private static final String END_KEY = "-----END PRIVATE KEY-----";

		static Credential of(X509Certificate certificate, PrivateKey key) {
			try {
				return new Credential(certificate, key, pem("CERTIFICATE", certificate.getEncoded()),
						pem("PRIVATE KEY", key.getEncoded()));
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static String pem(String type, byte[] der) {
			return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
					+ "\n-----END " + type + "-----\n";
		}

		/**
		 * Reads a PEM certificate and an unencrypted PKCS#8 PEM key, RSA or EC.
		 * @throws IllegalArgumentException naming {@code what} when either is missing or
		 * unreadable
		 */
		static Credential read(String certificatePem, String keyPem, String what) {
			if (certificatePem == null || keyPem == null) {
				throw new IllegalArgumentException("the certificate or key of " + what + " is missing");
			}
			int begin = keyPem.indexOf(BEGIN_KEY);
			int end = keyPem.indexOf(END_KEY);
			try {
				if (begin < 0 || end < begin) {
					throw new InvalidKeySpecException("not a PKCS#8 PEM private key");
				}
				PKCS8EncodedKeySpec key = new PKCS8EncodedKeySpec(
						Base64.getMimeDecoder().decode(keyPem.substring(begin + BEGIN_KEY.length(), end)));
				X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
				try {
					return new Credential(certificate, KeyFactory.getInstance("RSA").generatePrivate(key),
							certificatePem, keyPem);
				}
				catch (InvalidKeySpecException notRsa) {
					return new Credential(certificate, KeyFactory.getInstance("EC").generatePrivate(key),
							certificatePem, keyPem);
				}
			}
			catch (GeneralSecurityException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("the certificate or key of " + what + " is unreadable", ex);
			}
		}

		/** Whether the certificate names the issuer and verifies with its key. */
		boolean isIssuedBy(X509Certificate issuer) {
			try {
				this.certificate.verify(issuer.getPublicKey());
				return this.certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
			}
			catch (GeneralSecurityException ex) {
				return false;
			}
		}

		/**
		 * An in-memory store with one key entry: the key, the certificate, and the
		 * issuer's certificate unless the issuer is null.
		 */
		KeyStore keyStore(String alias, char[] password, Credential issuer) {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry(alias, this.key, password,
						(issuer != null) ? new X509Certificate[] { this.certificate, issuer.certificate }
								: new X509Certificate[] { this.certificate });
				return store;
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Cannot hold " + this + " in a key store", ex);
			}
		}

		/** Whether a signature made with the key verifies with the certificate's key. */
		boolean keyMatchesCertificate() {
			String algorithm = this.key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
			byte[] challenge = new byte[32];
			new SecureRandom().nextBytes(challenge);
			try {
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
		 * The subject alternative names: {@code DNS:name} (lower case),
		 * {@code IP:address}.
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
				if ((Integer) name.get(0) == 2) {
					result.add("DNS:" + ((String) name.get(1)).toLowerCase(Locale.ROOT));
				}
				else if ((Integer) name.get(0) == 7) {
					result.add("IP:" + DomainNames.toAddress((String) name.get(1)).getHostAddress());
				}
			}
			return result;
		}

		/** The certificate's public facts, in the {@code role} of the set. */
		CertificateMetadata metadata(String role) {
			return new CertificateMetadata(role, this.certificate.getSubjectX500Principal().getName(),
					this.certificate.getIssuerX500Principal().getName(), subjectAlternativeNames(),
					hex(this.certificate.getSerialNumber()), this.certificate.getNotBefore().toInstant(),
					this.certificate.getNotAfter().toInstant());
		}

		@Override
		public String toString() {
			// Never print a key.
			return "Credential[" + this.certificate.getSubjectX500Principal() + ", serial "
					+ hex(this.certificate.getSerialNumber()) + "]";
		}

	}

}
