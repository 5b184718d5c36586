package dev.csemu.tls.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/**
 * The kinds of key pair the certificate authority makes, configured as {@code rsa-2048},
 * {@code rsa-4096} or {@code ec-p256} (NIST P-256).
 */
public enum KeyType {

	RSA_2048("RSA", 2048), RSA_4096("RSA", 4096), EC_P256("EC", 256);

	private final String algorithm;

	/** The modulus length or the curve's field size, in bits. */
	private final int size;

	KeyType(String algorithm, int size) {
		this.algorithm = algorithm;
		this.size = size;
	}

	public String configName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** A new key pair of this type, made by the JDK. */
	public KeyPair generate(SecureRandom random) {
		AlgorithmParameterSpec parameters = this.algorithm.equals("EC") ? new ECGenParameterSpec("secp256r1")
				: new RSAKeyGenParameterSpec(this.size, RSAKeyGenParameterSpec.F4);
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.algorithm);
			generator.initialize(parameters, random);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + configName() + " key pair", ex);
		}
	}

	/**
	 * The type of an existing public key.
	 * @throws IllegalArgumentException for a key no type describes
	 */
	public static KeyType of(PublicKey key) {
		int bits = (key instanceof RSAPublicKey rsa) ? rsa.getModulus().bitLength()
				: (key instanceof ECPublicKey ec) ? ec.getParams().getCurve().getField().getFieldSize() : -1;
		for (KeyType type : values()) {
			if (type.algorithm.equals(key.getAlgorithm()) && type.size == bits) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unsupported key: " + key.getAlgorithm());
	}

}
