package dev.csemu.tls.internal;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;

/**
 * The kinds of key pair the certificate authority makes, configured as {@code rsa-2048},
 * {@code rsa-4096} or {@code ec-p256} (NIST P-256).
 */
public enum KeyType {

	RSA_2048("RSA", 2048), RSA_4096("RSA", 4096), EC_P256("EC", 256);

	private final String algorithm;

	private final int size;

	KeyType(String algorithm, int size) {
		this.algorithm = algorithm;
		this.size = size;
	}

	/** The JCA key algorithm, {@code RSA} or {@code EC}. */
	public String algorithm() {
		return this.algorithm;
	}

	/** The modulus length or the curve's field size, in bits. */
	public int size() {
		return this.size;
	}

	public String configName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
