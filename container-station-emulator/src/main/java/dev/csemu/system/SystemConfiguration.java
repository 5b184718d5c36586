package dev.csemu.system;

import java.util.List;

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
	HostProbe hostProbe(HostProperties properties, HostName hostName) {
		return switch (properties.source()) {
			case LIVE -> new BackgroundHostProbe(() -> new OshiHostProbe(hostName));
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
