package dev.csemu.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * IPv6 sockets for tests, which are skipped where the machine has no IPv6 loopback.
 */
final class Ipv6 {

	private Ipv6() {
	}

	/**
	 * A TCP socket listening on {@code ::1}, on a free port.
	 * @return the listening socket
	 */
	static ServerSocket listener() {
		try {
			return new ServerSocket(0, 1, InetAddress.getByName("::1"));
		}
		catch (IOException ex) {
			assumeThat(ex).as("IPv6 loopback available").isNull();
			throw new IllegalStateException(ex);
		}
	}

}
