package dev.csemu.control;

import java.nio.file.Path;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
public record ControlProperties(@DefaultValue("true") boolean enabled, String token,
		@DefaultValue("control-token") Path tokenFile, @DefaultValue("1000") @Min(1) int journalSize) {

}
