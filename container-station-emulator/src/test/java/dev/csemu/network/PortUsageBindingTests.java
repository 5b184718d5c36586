package dev.csemu.network;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Port checks by binding, as on systems without kernel socket tables, against real
 * sockets.
 */
class PortUsageBindingTests {

	private final PortUsage probe = new PortUsage(null, null);

	@Test
	void aListeningTcpSocketUsesItsPortOnlyWhileOpen() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
			assertThat(this.probe.used(Protocol.TCP, port)).isTrue();
		}
		assertThat(this.probe.used(Protocol.TCP, port)).isFalse();
	}

	@Test
	void anIpv6ListenerUsesItsPort() throws IOException {
		try (ServerSocket socket = Ipv6.listener()) {
			assertThat(this.probe.used(Protocol.TCP, socket.getLocalPort())).isTrue();
		}
	}

	@Test
	void aBoundUdpSocketUsesItsPortOnlyWhileOpen() throws IOException {
		int port;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
			assertThat(this.probe.used(Protocol.UDP, port)).isTrue();
		}
		assertThat(this.probe.used(Protocol.UDP, port)).isFalse();
	}

	@Test
	void theProbeLetsGoOfThePortItTried() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
		}
		assertThat(this.probe.used(Protocol.TCP, port)).isFalse();
		try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(again.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void aBindProbeCannotListPorts() {
		assertThat(this.probe.listening().tcp()).isEmpty();
		assertThat(this.probe.listening().source()).startsWith("unavailable");
	}

}
