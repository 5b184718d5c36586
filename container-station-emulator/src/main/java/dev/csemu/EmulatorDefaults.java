package dev.csemu;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The emulator's built-in defaults ({@code dev/csemu/emulator-defaults.properties}) as
 * the lowest-precedence property source. Kept out of {@code application.yml} so that they
 * hold however the emulator is started: {@code java -jar}, a test, or the JUnit extension
 * inside another project whose own {@code application.yml} is on the class path.
 */
class EmulatorDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "dev/csemu/emulator-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (PropertySource<?> source : new PropertiesPropertySourceLoader().load("emulatorDefaults",
					new ClassPathResource(RESOURCE, EmulatorDefaults.class.getClassLoader()))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RESOURCE, ex);
		}
	}

}
