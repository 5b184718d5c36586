package dev.csemu.tls;

import java.nio.file.Path;
import java.time.Duration;

import dev.csemu.tls.internal.KeyType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Docker TLS material lives, how it is made, and where the mutual-TLS Docker
 * endpoint listens.
 *
 * @param tls the certificate store ({@code emulator.tls.*})
 * @param docker the Docker endpoint ({@code emulator.docker.*})
 */
@ConfigurationProperties("emulator")
@Validated
public record TlsProperties(@DefaultValue @Valid Tls tls, @DefaultValue @Valid Docker docker) {

	/**
	 * The certificate store.
	 *
	 * @param dir the folder holding the CA, the server and client certificates, their
	 * keys and the state; relative paths start at the working directory; created 0700 on
	 * first start and reused afterwards
	 * @param keyType the kind of key made for new certificates: {@code rsa-2048},
	 * {@code rsa-4096} or {@code ec-p256}
	 * @param notifyBefore {@code GET /tls} reports {@code outdatedNotify: true} once the
	 * client certificate ends within this time (unless the warning was dismissed)
	 */
	public record Tls(@DefaultValue("certs") @NotNull Path dir, @DefaultValue("rsa-2048") @NotNull KeyType keyType,
			@DefaultValue("30d") @NotNull Duration notifyBefore) {

		public Tls {
			if (notifyBefore != null && notifyBefore.isNegative()) {
				throw new IllegalArgumentException("emulator.tls.notify-before must not be negative");
			}
		}

	}

	/**
	 * The mutual-TLS Docker endpoint.
	 *
	 * @param tlsPort the TCP port of the Docker endpoint, on the API's address
	 * ({@code server.address}); 0 turns it off
	 */
	public record Docker(@DefaultValue("2376") @Min(0) @Max(65535) int tlsPort) {
	}

}
