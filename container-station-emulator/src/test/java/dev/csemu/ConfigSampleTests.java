package dev.csemu;

import java.nio.file.Path;
import java.util.List;

import dev.csemu.auth.AuthProperties;
import dev.csemu.control.ControlProperties;
import dev.csemu.network.NetworkProperties;
import dev.csemu.system.HostProperties;
import dev.csemu.tls.TlsProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample {@code config/application.yml} a user edits loads, binds, and states the
 * defaults the application really has.
 */
class ConfigSampleTests {

	@Test
	void sampleConfigurationBindsToTheBuiltInDefaults() throws Exception {
		Binder sample = binderFor(Path.of("../config/application.yml"));
		Binder builtIn = binderFor(Path.of("src/main/resources/dev/csemu/emulator-defaults.properties"));
		AuthProperties fromSample = sample.bindOrCreate("emulator", AuthProperties.class);
		AuthProperties fromBuiltIn = builtIn.bindOrCreate("emulator", AuthProperties.class);
		assertThat(fromSample).isEqualTo(fromBuiltIn);
		assertThat(fromSample.users()).containsOnlyKeys("admin");
		assertThat(fromSample.users().get("admin").admin()).isTrue();
		assertThat(sample.bindOrCreate("emulator.host", HostProperties.class))
			.isEqualTo(builtIn.bindOrCreate("emulator.host", HostProperties.class));
		assertThat(sample.bindOrCreate("emulator.session", AuthProperties.Session.class))
			.isEqualTo(builtIn.bindOrCreate("emulator.session", AuthProperties.Session.class));
		assertThat(sample.bindOrCreate("emulator.access-protection", AuthProperties.AccessProtection.class))
			.isEqualTo(builtIn.bindOrCreate("emulator.access-protection", AuthProperties.AccessProtection.class));
		assertThat(sample.bindOrCreate("emulator.host.fixture", NetworkProperties.class))
			.isEqualTo(builtIn.bindOrCreate("emulator.host.fixture", NetworkProperties.class));
		assertThat(sample.bindOrCreate("emulator.tls", TlsProperties.class))
			.isEqualTo(builtIn.bindOrCreate("emulator.tls", TlsProperties.class));
		assertThat(sample.bindOrCreate("emulator.docker", TlsProperties.Docker.class))
			.isEqualTo(builtIn.bindOrCreate("emulator.docker", TlsProperties.Docker.class));
		assertThat(sample.bindOrCreate("emulator.control", ControlProperties.class))
			.isEqualTo(builtIn.bindOrCreate("emulator.control", ControlProperties.class));
	}

	private static Binder binderFor(Path file) throws Exception {
		PropertySourceLoader loader = file.toString().endsWith(".yml") ? new YamlPropertySourceLoader()
				: new PropertiesPropertySourceLoader();
		List<PropertySource<?>> sources = loader.load(file.toString(), new FileSystemResource(file));
		StandardEnvironment environment = new StandardEnvironment();
		sources.forEach(environment.getPropertySources()::addFirst);
		return new Binder(ConfigurationPropertySources.get(environment));
	}

}
