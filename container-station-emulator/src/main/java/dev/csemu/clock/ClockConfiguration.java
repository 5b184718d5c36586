package dev.csemu.clock;

import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link java.time.Clock} of the application, in the machine's time zone (the NAS
 * shows local time in {@code logintime}).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	EmulatorClock emulatorClock() {
		return new EmulatorClock(ZoneId.systemDefault());
	}

}
