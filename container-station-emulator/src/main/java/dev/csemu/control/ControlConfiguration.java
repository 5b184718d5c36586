package dev.csemu.control;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import dev.csemu.web.ErrorWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The control plane: its token, the fault registry and the journal, and the filters that
 * put them in front of the emulated API. With {@code emulator.control.enabled: false}
 * only a gate remains, answering 404 for everything under {@code /_emulator} but health.
 */
@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

	/** For launchers, such as the JUnit extension, that start the emulator on port 0. */
	@Bean
	@ConditionalOnProperty("emulator.port-file")
	PortFileWriter portFileWriter(Environment environment) {
		return new PortFileWriter(Path.of(environment.getRequiredProperty("emulator.port-file")));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "emulator.control.enabled", matchIfMissing = true)
	static class Enabled {

		@Bean
		ControlToken controlToken(ControlProperties properties, SecureRandom random) {
			return ControlToken.of(properties, random);
		}

		@Bean
		FilterRegistrationBean<ControlTokenFilter> controlTokenFilter(ControlToken token, ErrorWriter errorWriter) {
			return ControlTokenFilter.registration(new ControlTokenFilter(token, errorWriter));
		}

		@Bean
		FilterRegistrationBean<ActuatorErrorFilter> actuatorErrorFilter(ErrorWriter errorWriter) {
			return ActuatorErrorFilter.registration(new ActuatorErrorFilter(errorWriter));
		}

		@Bean
		FaultRegistry faultRegistry() {
			return new FaultRegistry();
		}

		@Bean
		Journal journal(ControlProperties properties) {
			return new Journal(properties.journalSize());
		}

		@Bean
		FilterRegistrationBean<TrafficFilter> trafficFilter(FaultRegistry faults, Journal journal,
				JsonMapper jsonMapper, ErrorWriter errorWriter, Clock clock) {
			FilterRegistrationBean<TrafficFilter> registration = new FilterRegistrationBean<>(
					new TrafficFilter(faults, journal, new Redaction(jsonMapper), errorWriter, clock));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			return registration;
		}

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> dropConnectionValve() {
			return (factory) -> factory.addContextValves(new DropConnectionValve());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "emulator.control.enabled", havingValue = false)
	static class Disabled {

		@Bean
		FilterRegistrationBean<ControlTokenFilter> controlGate(ErrorWriter errorWriter) {
			return ControlTokenFilter.registration(new ControlTokenFilter(null, errorWriter));
		}

	}

}
