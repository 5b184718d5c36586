package dev.csemu.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The NAS's secure system port: everything the HTTP port serves, over TLS 1.2 or later,
 * with the NAS web certificate.
 *
 * @param port the TCP port on the API's address ({@code server.address}); 0 turns it off
 * @param certificate where the web certificate comes from: {@code self-signed} (a NAS
 * from the factory) or {@code ca} (issued by the emulator's CA, verifiable with the
 * exported {@code ca.pem})
 */
@ConfigurationProperties("emulator.https")
public record HttpsProperties(@DefaultValue("0") int port, @DefaultValue("self-signed") CertificateSource certificate) {

	public HttpsProperties {
		Assert.isTrue(port >= 0 && port <= 65535, () -> "emulator.https.port must be from 0 to 65535, not " + port);
		Assert.isTrue(certificate != null, "emulator.https.certificate must be self-signed or ca");
	}

	/** Where the web certificate comes from. */
	public enum CertificateSource {

		/** Its own issuer: clients must trust it or turn verification off. */
		SELF_SIGNED,

		/** Issued by the emulator's CA. */
		CA

	}

}
