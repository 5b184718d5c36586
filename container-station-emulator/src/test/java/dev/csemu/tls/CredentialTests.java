package dev.csemu.tls;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.List;

import dev.csemu.tls.TlsGeneration.Credential;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Profile;
import dev.csemu.tls.internal.KeyType;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Certificates and keys as PEM, written and read with the JDK alone: the same text
 * BouncyCastle's PEM writer made (so folders written by earlier versions read back the
 * same), and PKCS#8 keys of both kinds read back.
 */
class CredentialTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Instant NOT_BEFORE = Instant.parse("2021-08-11T08:00:00Z");

	@Test
	void privateKeysAreWrittenAsPkcs8PemAndReadBack() throws Exception {
		for (KeyType type : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
			Credential written = selfSigned(type.generate(RANDOM));

			assertThat(written.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----")
				.endsWith("-----END PRIVATE KEY-----\n");
			Credential read = Credential.read(written.certificatePem(), written.keyPem(), "the test");
			assertThat(read.key().getEncoded()).isEqualTo(written.key().getEncoded());
			assertThat(signsFor(read.key(), written)).isTrue();
			assertThat(read.keyMatchesCertificate()).isTrue();
		}
	}

	@Test
	void certificatesAreWrittenAsPemAndReadBack() {
		Credential written = selfSigned(KeyType.EC_P256.generate(RANDOM));

		assertThat(written.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----")
			.endsWith("-----END CERTIFICATE-----\n");
		assertThat(Credential.read(written.certificatePem(), written.keyPem(), "the test").certificate())
			.isEqualTo(written.certificate());
	}

	@Test
	void thePemTextIsWhatBouncyCastleWrote() throws Exception {
		for (KeyType type : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
			Credential written = selfSigned(type.generate(RANDOM));

			assertThat(written.certificatePem()).isEqualTo(bouncyCastlePem(written.certificate()));
			assertThat(written.keyPem()).isEqualTo(bouncyCastlePem(new JcaPKCS8Generator(written.key(), null)));
		}
	}

	@Test
	void readingSomethingElseThanAKeyOrACertificateFails() {
		Credential written = selfSigned(KeyType.EC_P256.generate(RANDOM));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> Credential.read(written.certificatePem(), written.certificatePem(), "the test"))
			.withMessage("the certificate or key of the test is unreadable");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Credential.read("nonsense", written.keyPem(), "the test"));
		assertThatIllegalArgumentException().isThrownBy(() -> Credential.read(written.certificatePem(),
				written.keyPem().replace("PRIVATE KEY", "EC PRIVATE KEY"), "the test"));
	}

	private static Credential selfSigned(KeyPair keys) {
		return Credential.of(BouncyCastleCertificateAuthority.issue(RANDOM, Profile.CA, "Test CA", keys.getPublic(),
				List.of(), null, keys.getPrivate(), NOT_BEFORE, NOT_BEFORE.plusSeconds(3600)), keys.getPrivate());
	}

	private static String bouncyCastlePem(Object object) throws Exception {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	private static boolean signsFor(PrivateKey key, Credential credential) throws Exception {
		String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		Signature signer = Signature.getInstance(algorithm);
		signer.initSign(key);
		signer.update(new byte[] { 1, 2, 3 });
		Signature verifier = Signature.getInstance(algorithm);
		verifier.initVerify(credential.certificate().getPublicKey());
		verifier.update(new byte[] { 1, 2, 3 });
		return verifier.verify(signer.sign());
	}

}
