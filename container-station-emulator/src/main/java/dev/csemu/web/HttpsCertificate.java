package dev.csemu.web;

import java.security.KeyStore;

/**
 * The certificate and key the HTTPS port serves, contributed by the feature that owns the
 * material.
 */
@FunctionalInterface
public interface HttpsCertificate {

	/** The alias of the one key entry in {@link #keyStore()}. */
	String ALIAS = "web";

	/** The password of that entry; the store only ever lives in memory. */
	String KEY_PASSWORD = "web";

	/**
	 * The current certificate chain and key, as an in-memory store.
	 * @return a store with one key entry, {@link #ALIAS}
	 */
	KeyStore keyStore();

}
