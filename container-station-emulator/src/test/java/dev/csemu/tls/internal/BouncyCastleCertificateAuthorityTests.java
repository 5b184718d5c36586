package dev.csemu.tls.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Profile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate authority's three profiles, read back with the JDK's
 * {@link CertificateFactory} rather than with BouncyCastle.
 */
class BouncyCastleCertificateAuthorityTests {

	private static final Instant NOT_BEFORE = Instant.parse("2021-08-11T08:00:00Z");

	private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(1080));

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Test
	void caCertificateIsSelfSignedWithCriticalCaConstraintsAndCertSignUsage() throws Exception {
		KeyPair keys = KeyType.EC_P256.generate(RANDOM);
		X509Certificate ca = reparse(ca(keys));

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
		KeyPair caKeys = KeyType.EC_P256.generate(RANDOM);
		X509Certificate ca = ca(caKeys);
		KeyPair serverKeys = KeyType.EC_P256.generate(RANDOM);
		X509Certificate server = reparse(
				BouncyCastleCertificateAuthority.issue(RANDOM, Profile.SERVER, "nas", serverKeys.getPublic(),
						List.of("DNS:localhost", "DNS:nas.example.com", "IP:127.0.0.1",
								"IP:" + InetAddress.getByName("::1").getHostAddress()),
						ca, caKeys.getPrivate(), NOT_BEFORE, NOT_AFTER));

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
		KeyPair caKeys = KeyType.EC_P256.generate(RANDOM);
		X509Certificate ca = ca(caKeys);
		KeyPair clientKeys = KeyType.EC_P256.generate(RANDOM);
		X509Certificate client = reparse(BouncyCastleCertificateAuthority.issue(RANDOM, Profile.CLIENT, "client",
				clientKeys.getPublic(), List.of(), ca, caKeys.getPrivate(), NOT_BEFORE, NOT_AFTER));

		client.verify(ca.getPublicKey());
		assertThat(client.getSubjectX500Principal().getName()).contains("CN=client");
		assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(client.getSubjectAlternativeNames()).isNull();
		assertThat(client.getBasicConstraints()).isEqualTo(-1);
	}

	@Test
	void validityIsExactlyTheGivenPeriod() throws Exception {
		KeyPair keys = KeyType.EC_P256.generate(RANDOM);
		X509Certificate ca = reparse(ca(keys));

		assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOT_BEFORE);
		assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
			.isEqualTo(Duration.ofDays(1080));
	}

	@Test
	void serialsArePositiveRandomAndLongerThan64Bits() {
		KeyPair keys = KeyType.EC_P256.generate(RANDOM);
		BigInteger first = ca(keys).getSerialNumber();
		BigInteger second = ca(keys).getSerialNumber();

		assertThat(first.signum()).isPositive();
		assertThat(first.bitLength()).isGreaterThan(64);
		assertThat(second.signum()).isPositive();
		assertThat(second.bitLength()).isGreaterThan(64);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void rsa2048KeysSignWithSha256WithRsa() throws Exception {
		KeyPair keys = KeyType.RSA_2048.generate(RANDOM);
		X509Certificate ca = reparse(ca(keys));

		assertThat(ca.getSigAlgName()).isEqualTo("SHA256withRSA");
		assertThat(KeyType.of(ca.getPublicKey())).isEqualTo(KeyType.RSA_2048);
	}

	@Test
	void rsa4096KeysHaveA4096BitModulus() {
		KeyPair keys = KeyType.RSA_4096.generate(RANDOM);

		assertThat(KeyType.of(keys.getPublic())).isEqualTo(KeyType.RSA_4096);
	}

	@Test
	void keyTypesHaveTheirConfigurationNames() {
		assertThat(KeyType.RSA_2048.configName()).isEqualTo("rsa-2048");
		assertThat(KeyType.RSA_4096.configName()).isEqualTo("rsa-4096");
		assertThat(KeyType.EC_P256.configName()).isEqualTo("ec-p256");
	}

	private static X509Certificate ca(KeyPair keys) {
		return BouncyCastleCertificateAuthority.issue(RANDOM, Profile.CA, "Test CA", keys.getPublic(), List.of(), null,
				keys.getPrivate(), NOT_BEFORE, NOT_AFTER);
	}

	private static X509Certificate reparse(X509Certificate certificate) throws Exception {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
	}

}
