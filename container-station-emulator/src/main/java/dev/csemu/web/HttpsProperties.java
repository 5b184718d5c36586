package dev.csemu.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
public record HttpsProperties(@DefaultValue("0") @Min(0) @Max(65535) int port,
		@DefaultValue("self-signed") @NotNull CertificateSource certificate,
		@DefaultValue("false") boolean redirectHttp) {

	/** Where the web certificate comes from. */
	public enum CertificateSource {

		/** Its own issuer: clients must trust it or turn verification off. */
		SELF_SIGNED,

		/** Issued by the emulator's CA. */
		CA

	}

}
