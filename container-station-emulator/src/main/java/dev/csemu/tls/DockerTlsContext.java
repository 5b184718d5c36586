package dev.csemu.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The Docker endpoint's {@link SSLContext}. Its key and trust managers read the current
 * {@link TlsGeneration} at every handshake, so new material serves new connections
 * without a restart; the client certificate is checked by {@link ClientCertificateCheck}.
 */
final class DockerTlsContext {

	private DockerTlsContext() {
	}

	/**
	 * A TLS context serving the current material.
	 * @param certificates the material
	 * @param random the randomness of the handshakes
	 * @return the context; cached sessions are dropped whenever the material changes
	 */
	static SSLContext create(TlsCertificates certificates, ClientCertificateCheck check, SecureRandom random) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new KeyManager[] { new CurrentServerKeyManager(certificates) },
					new TrustManager[] { new ClientCertificateTrustManager(certificates, check) }, random);
			certificates.onChange(() -> invalidateSessions(context.getServerSessionContext()));
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the Docker endpoint's TLS context", ex);
		}
	}

	private static void invalidateSessions(SSLSessionContext sessions) {
		for (byte[] id : Collections.list(sessions.getIds())) {
			SSLSession session = sessions.getSession(id);
			if (session != null) {
				session.invalidate();
			}
		}
	}

	/**
	 * Offers the current server certificate. The alias names the generation it was chosen
	 * from, so a handshake that straddles a change still pairs a chain with its own key.
	 */
	private static final class CurrentServerKeyManager extends X509ExtendedKeyManager {

		private final TlsCertificates certificates;

		/** The last few generations chosen, by alias: a handshake needs its own back. */
		private final Cache<String, TlsGeneration> chosen = Caffeine.newBuilder().maximumSize(16).build();

		CurrentServerKeyManager(TlsCertificates certificates) {
			this.certificates = certificates;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			return choose(keyType);
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return choose(keyType);
		}

		private String choose(String keyType) {
			TlsGeneration generation = this.certificates.current();
			X509Certificate server = generation.server().certificate();
			if (keyType == null || !keyType.equals(server.getPublicKey().getAlgorithm())) {
				return null;
			}
			String alias = "server-" + TlsGeneration.hex(server.getSerialNumber());
			this.chosen.put(alias, generation);
			return alias;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			String alias = choose(keyType);
			return (alias != null) ? new String[] { alias } : null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			TlsGeneration generation = this.chosen.getIfPresent(alias);
			return (generation != null)
					? new X509Certificate[] { generation.server().certificate(), generation.ca().certificate() } : null;
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			TlsGeneration generation = this.chosen.getIfPresent(alias);
			return (generation != null) ? generation.server().key() : null;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			return null;
		}

	}

	/** Accepts only the client certificates the current material accepts. */
	private static final class ClientCertificateTrustManager extends X509ExtendedTrustManager {

		private final TlsCertificates certificates;

		private final ClientCertificateCheck check;

		ClientCertificateTrustManager(TlsCertificates certificates, ClientCertificateCheck check) {
			this.certificates = certificates;
			this.check = check;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			if (chain == null || chain.length == 0) {
				throw new CertificateException("a client certificate is required");
			}
			this.check.check(chain[0]);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("the Docker endpoint trusts no servers");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[] { this.certificates.current().ca().certificate() };
		}

	}

}
