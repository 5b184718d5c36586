package dev.csemu.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The emulator's effective configuration: every {@code emulator.*} and {@code server.*}
 * property set anywhere (files, command line, environment), by its canonical name, with
 * the value that wins. Passwords, secrets (TOTP), tokens, credentials and private keys
 * are never shown.
 */
final class EffectiveConfiguration {

	/** What a redacted value reads. */
	static final String REDACTED = "******";

	private static final List<ConfigurationPropertyName> PREFIXES = List.of(ConfigurationPropertyName.of("emulator"),
			ConfigurationPropertyName.of("server"));

	/** Secret words anywhere in a name, or a name segment ending in "key". */
	private static final Pattern SECRET = Pattern
		.compile("password|passwd|passphrase|pwd|secret|token|credential|key(?=$|\\.|\\[)");

	private final ConfigurableEnvironment environment;

	EffectiveConfiguration(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	/**
	 * The properties, secrets redacted.
	 * @return values by canonical property name, sorted
	 */
	SortedMap<String, String> properties() {
		Map<String, String> properties = new TreeMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((name) -> PREFIXES.stream().anyMatch((prefix) -> prefix.isAncestorOf(name)))
					.forEach((name) -> properties.computeIfAbsent(name.toString(), this::value));
			}
		}
		return new TreeMap<>(properties);
	}

	private String value(String name) {
		if (isSecret(name)) {
			return REDACTED;
		}
		try {
			return this.environment.getProperty(name);
		}
		catch (IllegalArgumentException ex) {
			// An unresolvable placeholder: say so rather than fail the report.
			return "(unresolvable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Whether a property holds a secret, by its name.
	 * @param name a canonical property name, such as
	 * {@code emulator.users.bob.two-step-secret}
	 * @return true for passwords, secrets, tokens, credentials and keys (a segment ending
	 * in {@code key}, such as {@code private-key}; not {@code key-store})
	 */
	static boolean isSecret(String name) {
		return SECRET.matcher(name).find();
	}

}
