package dev.csemu.report;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The effective {@code emulator.*} and {@code server.*} configuration, secrets redacted.
 */
class EffectiveConfigurationTests {

	@Test
	void onlyEmulatorAndServerPropertiesAreListedWithTheWinningValue() {
		StandardEnvironment environment = environment(Map.of("emulator.host.source", "fixture", "server.port",
				"${QPORT:8080}", "spring.application.name", "x", "emulatorx.other", "y"));
		environment.getPropertySources()
			.addLast(new MapPropertySource("defaults", Map.of("emulator.host.source", "live")));
		assertThat(DiagnosisReport.configuration(environment))
			.containsExactly(Map.entry("emulator.host.source", "fixture"), Map.entry("server.port", "8080"));
	}

	@Test
	void passwordsSecretsTokensAndKeysAreRedacted() {
		StandardEnvironment environment = environment(Map.of("emulator.users.bob.password", "s3cret-Pa55",
				"emulator.users.bob.two-step-secret", "GEZDGNBVGY3TQOJQ", "server.ssl.key-store-password", "changeit",
				"emulator.tls.private-key", "pem", "emulator.control.token", "t0ken", "server.ssl.key-store",
				"keystore.p12", "emulator.users.bob.admin", "true"));
		assertThat(DiagnosisReport.configuration(environment)).containsOnly(
				Map.entry("emulator.users.bob.password", "******"),
				Map.entry("emulator.users.bob.two-step-secret", "******"),
				Map.entry("server.ssl.key-store-password", "******"), Map.entry("emulator.tls.private-key", "******"),
				Map.entry("emulator.control.token", "******"), Map.entry("server.ssl.key-store", "keystore.p12"),
				Map.entry("emulator.users.bob.admin", "true"));
	}

	@Test
	void environmentVariablesAreListedByTheirPropertyNameAndRedactedToo() {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("EMULATOR_USERS_CAROL_PASSWORD", "hunter2", "EMULATOR_HOST_SAMPLEINTERVAL", "2s")));
		ConfigurationPropertySources.attach(environment);
		assertThat(DiagnosisReport.configuration(environment)).containsOnly(
				Map.entry("emulator.users.carol.password", "******"), Map.entry("emulator.host.sampleinterval", "2s"));
	}

	@Test
	void anUnresolvablePlaceholderDoesNotFailTheReport() {
		StandardEnvironment environment = environment(Map.of("server.port", "${NOT_SET_ANYWHERE}"));
		assertThat(DiagnosisReport.configuration(environment).get("server.port")).startsWith("(unresolvable");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
