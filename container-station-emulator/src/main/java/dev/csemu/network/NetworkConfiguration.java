package dev.csemu.network;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.csemu.system.HostProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Port checks and adapters from the source {@code emulator.host.source} names: on Linux
 * the kernel's tables, elsewhere a bind probe; or the fixture.
 */
@Configuration(proxyBeanMethods = false)
class NetworkConfiguration {

	private static final Path PROC_NET = Path.of("/proc/net");

	@Bean
	PortUsage portUsage(HostProperties host, NetworkProperties properties) {
		UsedPorts fixture = (host.source() == HostProperties.Source.FIXTURE) ? properties.usedPorts() : null;
		return new PortUsage(fixture, Files.isReadable(PROC_NET.resolve("tcp")) ? PROC_NET : null);
	}

	@Bean
	Bridges bridges(HostProperties host, NetworkProperties properties) {
		BridgeResponse fixture = (host.source() == HostProperties.Source.FIXTURE) ? properties.bridge() : null;
		return new Bridges(fixture, Path.of("/sys/class/net"), PROC_NET.resolve("route"));
	}

}
