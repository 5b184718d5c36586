package dev.csemu.system;

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
	HostProbe hostProbe(HostProperties properties) {
		return switch (properties.source()) {
			case LIVE -> new BackgroundHostProbe(OshiHostProbe::new);
			case FIXTURE -> new FixtureHostProbe(properties.fixture());
		};
	}

	@Bean
	SystemFacts systemFacts(HostProbe probe, HostProperties properties, JsonMapper jsonMapper) {
		return new SystemFacts(probe, properties.product(), jsonMapper);
	}

	@Bean
	ResourceSampler resourceSampler(HostProbe probe, HostProperties properties) {
		return new ResourceSampler(probe, properties.sampleInterval(), false);
	}

	@Bean
	HostResources hostResources(ResourceSampler sampler, JsonMapper jsonMapper) {
		return new HostResources(sampler, jsonMapper);
	}

}
