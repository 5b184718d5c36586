package dev.csemu.system;

import java.util.List;
import java.util.function.Supplier;

import dev.csemu.web.KnownHostNames;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Host facts from the source {@code emulator.host.source} names: the machine or the
 * fixture.
 */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	@Bean
	HostName hostName() {
		return HostName.detect();
	}

	/** Browsers may name the emulator by the host's name. */
	@Bean
	KnownHostNames hostNameForBrowsers(HostName hostName) {
		return () -> List.of(hostName.value());
	}

	@Bean
	HostResources hostResources(HostProperties properties, HostName hostName, JsonMapper jsonMapper) {
		Supplier<HostProbe> probe = switch (properties.source()) {
			case LIVE -> () -> new OshiHostProbe(hostName, properties.product());
			case FIXTURE -> () -> new FixtureHostProbe(properties.fixture(), properties.product());
		};
		return new HostResources(probe, properties, jsonMapper);
	}

}
