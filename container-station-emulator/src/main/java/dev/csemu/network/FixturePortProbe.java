package dev.csemu.network;

import dev.csemu.system.HostProperties;

/**
 * The ports {@code emulator.host.fixture.used-ports} lists, and no others.
 */
final class FixturePortProbe implements PortProbe {

	private final UsedPorts ports;

	FixturePortProbe(HostProperties.UsedPorts configured) {
		this.ports = UsedPorts.of("fixture (emulator.host.fixture.used-ports)", configured.tcp(), configured.udp());
	}

	@Override
	public boolean used(Protocol protocol, int port) {
		return this.ports.contains(protocol, port);
	}

	@Override
	public UsedPorts listening() {
		return this.ports;
	}

}
