package dev.csemu.tls.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Issuer;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Validity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The certificate authority's three profiles, read back with the JDK's
 * {@link CertificateFactory} rather than with BouncyCastle.
 */
class BouncyCastleCertificateAuthorityTests {

	private static final Instant NOT_BEFORE = Instant.parse("2021-08-11T08:00:00Z");

	private static final Validity VALIDITY = new Validity(NOT_BEFORE, NOT_BEFORE.plus(Duration.ofDays(1080)));

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private final BouncyCastleCertificateAuthority authority = new BouncyCastleCertificateAuthority(new SecureRandom());

	@Test
	void caCertificateIsSelfSignedWithCriticalCaConstraintsAndCertSignUsage() throws Exception {
		KeyPair keys = this.authority.generateKeyPair(KeyType.EC_P256);
		X509Certificate ca = reparse(this.authority.issueCa(keys, "Test CA", VALIDITY));

		ca.verify(keys.getPublic());
		assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
		assertThat(ca.getSubjectX500Principal().getName()).contains("CN=Test CA");
		assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
		assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
		boolean[] usage = ca.getKeyUsage();
		assertThat(usage[5]).as("keyCertSign").isTrue();
		assertThat(usage[6]).as("cRLSign").isTrue();
		assertThat(usage[0]).as("digitalSignature").isFalse();
		assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
	}

	@Test
	void serverCertificateIsForServerAuthenticationWithTheGivenNames() throws Exception {
		KeyPair caKeys = this.authority.generateKeyPair(KeyType.EC_P256);
		X509Certificate ca = this.authority.issueCa(caKeys, "Test CA", VALIDITY);
		KeyPair serverKeys = this.authority.generateKeyPair(KeyType.EC_P256);
		X509Certificate server = reparse(this.authority.issueServer(new Issuer(ca, caKeys.getPrivate()),
				serverKeys.getPublic(), "nas", List.of("localhost", "nas.example.com"),
				List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")), VALIDITY));

		server.verify(ca.getPublicKey());
		assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(server.getBasicConstraints()).isEqualTo(-1);
		assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
		assertThat(server.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"),
				List.of(2, "nas.example.com"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
		assertThat(server.getPublicKey()).isEqualTo(serverKeys.getPublic());
	}

	@Test
	void clientCertificateIsForClientAuthenticationWithCommonNameClient() throws Exception {
		KeyPair caKeys = this.authority.generateKeyPair(KeyType.EC_P256);
		X509Certificate ca = this.authority.issueCa(caKeys, "Test CA", VALIDITY);
		KeyPair clientKeys = this.authority.generateKeyPair(KeyType.EC_P256);
		X509Certificate client = reparse(this.authority.issueClient(new Issuer(ca, caKeys.getPrivate()),
				clientKeys.getPublic(), "client", VALIDITY));

		client.verify(ca.getPublicKey());
		assertThat(client.getSubjectX500Principal().getName()).contains("CN=client");
		assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(client.getSubjectAlternativeNames()).isNull();
		assertThat(client.getBasicConstraints()).isEqualTo(-1);
	}

	@Test
	void validityIsExactlyTheGivenPeriod() throws Exception {
		KeyPair keys = this.authority.generateKeyPair(KeyType.EC_P256);
		X509Certificate ca = reparse(this.authority.issueCa(keys, "Test CA", VALIDITY));

		assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOT_BEFORE);
		assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
			.isEqualTo(Duration.ofDays(1080));
	}

	@Test
	void serialsArePositiveRandomAndLongerThan64Bits() {
		KeyPair keys = this.authority.generateKeyPair(KeyType.EC_P256);
		BigInteger first = this.authority.issueCa(keys, "Test CA", VALIDITY).getSerialNumber();
		BigInteger second = this.authority.issueCa(keys, "Test CA", VALIDITY).getSerialNumber();

		assertThat(first.signum()).isPositive();
		assertThat(first.bitLength()).isGreaterThan(64);
		assertThat(second.signum()).isPositive();
		assertThat(second.bitLength()).isGreaterThan(64);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void rsa2048KeysSignWithSha256WithRsa() throws Exception {
		KeyPair keys = this.authority.generateKeyPair(KeyType.RSA_2048);
		X509Certificate ca = reparse(this.authority.issueCa(keys, "Test CA", VALIDITY));

		assertThat(ca.getSigAlgName()).isEqualTo("SHA256withRSA");
		assertThat(KeyType.of(ca.getPublicKey())).isEqualTo(KeyType.RSA_2048);
	}

	@Test
	void rsa4096KeysHaveA4096BitModulus() {
		KeyPair keys = this.authority.generateKeyPair(KeyType.RSA_4096);

		assertThat(KeyType.of(keys.getPublic())).isEqualTo(KeyType.RSA_4096);
	}

	@Test
	void privateKeysAreWrittenAsPkcs8PemAndReadBack() throws Exception {
		for (KeyType type : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
			KeyPair keys = this.authority.generateKeyPair(type);
			String pem = this.authority.toPem(keys.getPrivate());

			assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----").endsWith("-----END PRIVATE KEY-----\n");
			assertThat(this.authority.readPrivateKey(pem).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
			assertThat(signsFor(this.authority.readPrivateKey(pem), keys)).isTrue();
		}
	}

	@Test
	void certificatesAreWrittenAsPemAndReadBack() throws Exception {
		KeyPair keys = this.authority.generateKeyPair(KeyType.EC_P256);
		X509Certificate ca = this.authority.issueCa(keys, "Test CA", VALIDITY);
		String pem = this.authority.toPem(ca);

		assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").endsWith("-----END CERTIFICATE-----\n");
		assertThat(reparse(pem)).isEqualTo(ca);
		assertThat(this.authority.readCertificate(pem)).isEqualTo(ca);
	}

	@Test
	void readingSomethingElseThanAKeyFails() {
		KeyPair keys = this.authority.generateKeyPair(KeyType.EC_P256);
		String certificate = this.authority.toPem(this.authority.issueCa(keys, "Test CA", VALIDITY));

		assertThatIllegalArgumentException().isThrownBy(() -> this.authority.readPrivateKey(certificate));
		assertThatIllegalArgumentException().isThrownBy(() -> this.authority.readCertificate("nonsense"));
	}

	@Test
	void keyTypesHaveTheirConfigurationNames() {
		assertThat(KeyType.RSA_2048.configName()).isEqualTo("rsa-2048");
		assertThat(KeyType.RSA_4096.configName()).isEqualTo("rsa-4096");
		assertThat(KeyType.EC_P256.configName()).isEqualTo("ec-p256");
	}

	private X509Certificate reparse(X509Certificate certificate) throws Exception {
		return reparse(this.authority.toPem(certificate));
	}

	private static X509Certificate reparse(String pem) throws Exception {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
	}

	private static boolean signsFor(java.security.PrivateKey key, KeyPair pair) throws Exception {
		String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		Signature signer = Signature.getInstance(algorithm);
		signer.initSign(key);
		signer.update(new byte[] { 1, 2, 3 });
		Signature verifier = Signature.getInstance(algorithm);
		verifier.initVerify(pair.getPublic());
		verifier.update(new byte[] { 1, 2, 3 });
		return verifier.verify(signer.sign());
	}

}
