package dev.csemu.control;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The emulator's control API under {@code /_emulator}.
 *
 * @param enabled false removes the control API entirely (health stays)
 * @param token the bearer token the control API requires; when empty one is generated at
 * start and written owner-only to {@code tokenFile}
 * @param tokenFile where a generated token is written, relative to the working directory
 * @param journalSize how many requests the journal keeps (a ring: the oldest goes first)
 */
@ConfigurationProperties("emulator.control")
public record ControlProperties(@DefaultValue("true") boolean enabled, String token,
		@DefaultValue("control-token") Path tokenFile, @DefaultValue("1000") int journalSize) {

	public ControlProperties {
		Assert.isTrue(journalSize >= 1, () -> "emulator.control.journal-size must be at least 1, not " + journalSize);
	}

}
