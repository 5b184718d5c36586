package dev.csemu.tls.internal;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;

/**
 * The kinds of key pair the certificate authority makes. Configured as {@code rsa-2048},
 * {@code rsa-4096} or {@code ec-p256}.
 */
public enum KeyType {

	/** RSA with a 2048-bit modulus, signing with SHA256withRSA. */
	RSA_2048("RSA", 2048, "SHA256withRSA"),

	/** RSA with a 4096-bit modulus, signing with SHA256withRSA. */
	RSA_4096("RSA", 4096, "SHA256withRSA"),

	/** ECDSA on NIST P-256 (secp256r1), signing with SHA256withECDSA. */
	EC_P256("EC", 256, "SHA256withECDSA");

	private final String algorithm;

	private final int size;

	private final String signatureAlgorithm;

	KeyType(String algorithm, int size, String signatureAlgorithm) {
		this.algorithm = algorithm;
		this.size = size;
		this.signatureAlgorithm = signatureAlgorithm;
	}

	/**
	 * The JCA key algorithm.
	 * @return {@code RSA} or {@code EC}
	 */
	public String algorithm() {
		return this.algorithm;
	}

	/**
	 * The key size in bits.
	 * @return the modulus length or the curve's field size
	 */
	public int size() {
		return this.size;
	}

	/**
	 * The SHA-256 signature algorithm a key of this type signs with.
	 * @return the JCA signature algorithm
	 */
	public String signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	/**
	 * The configuration name.
	 * @return {@code rsa-2048}, {@code rsa-4096} or {@code ec-p256}
	 */
	public String configName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The type of an existing public key.
	 * @param key an RSA or EC public key
	 * @return its type
	 * @throws IllegalArgumentException for a key no type describes
	 */
	public static KeyType of(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			int bits = rsa.getModulus().bitLength();
			if (bits == 2048) {
				return RSA_2048;
			}
			if (bits == 4096) {
				return RSA_4096;
			}
		}
		if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
			return EC_P256;
		}
		throw new IllegalArgumentException("Unsupported key: " + key.getAlgorithm());
	}

}
