package dev.csemu.network;

/**
 * Whether a port is in use. The seam between {@code /system/port} and sockets: the
 * kernel's socket tables on Linux, a bind probe elsewhere, or the fixture's list. A check
 * never holds the port and needs no root.
 */
interface PortProbe {

	/**
	 * Whether a port is in use: for TCP a socket listens on it on any local address, IPv4
	 * or IPv6; for UDP a socket is bound to it.
	 * @param protocol the protocol
	 * @param port the port, from 1 to 65535
	 * @return true when in use
	 */
	default boolean used(Protocol protocol, int port) {
		return listening().contains(protocol, port);
	}

	/**
	 * Every port in use, where the probe can list them.
	 * @return the ports; empty sets and the reason in {@code source} when it cannot
	 */
	UsedPorts listening();

}
