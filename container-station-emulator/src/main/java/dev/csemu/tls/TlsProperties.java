package dev.csemu.tls;

import java.nio.file.Path;
import java.time.Duration;

import dev.csemu.tls.internal.KeyType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The certificate store: where the Docker TLS material lives and how it is made. Where
 * the mutual-TLS Docker endpoint listens is {@code emulator.docker} ({@link Docker}).
 *
 * @param dir the folder holding the CA, the server and client certificates, their keys
 * and the state; relative paths start at the working directory; created 0700 on first
 * start and reused afterwards
 * @param keyType the kind of key made for new certificates: {@code rsa-2048},
 * {@code rsa-4096} or {@code ec-p256}
 * @param notifyBefore {@code GET /tls} reports {@code outdatedNotify: true} once the
 * client certificate ends within this time (unless the warning was dismissed)
 */
@ConfigurationProperties("emulator.tls")
public record TlsProperties(@DefaultValue("certs") Path dir, @DefaultValue("rsa-2048") KeyType keyType,
		@DefaultValue("30d") Duration notifyBefore) {

	public TlsProperties {
		Assert.isTrue(dir != null && keyType != null && notifyBefore != null,
				"emulator.tls.dir, key-type and notify-before must not be empty");
		Assert.isTrue(!notifyBefore.isNegative(), "emulator.tls.notify-before must not be negative");
	}

	/**
	 * The mutual-TLS Docker endpoint.
	 *
	 * @param tlsPort the TCP port of the Docker endpoint, on the API's address
	 * ({@code server.address}); 0 turns it off
	 */
	@ConfigurationProperties("emulator.docker")
	public record Docker(@DefaultValue("2376") int tlsPort) {

		public Docker {
			Assert.isTrue(tlsPort >= 0 && tlsPort <= 65535,
					() -> "emulator.docker.tls-port must be from 0 to 65535, not " + tlsPort);
		}

	}

}
