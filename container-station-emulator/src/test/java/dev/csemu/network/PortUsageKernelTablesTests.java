package dev.csemu.network;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Port checks from the Linux kernel's socket tables, against real sockets.
 */
class PortUsageKernelTablesTests {

	private static final Path PROC_NET = Path.of("/proc/net");

	private final PortUsage probe = new PortUsage(null, PROC_NET);

	@BeforeEach
	void onLinux() {
		assumeThat(Files.isReadable(PROC_NET.resolve("tcp"))).isTrue();
	}

	@Test
	void aListeningTcpSocketUsesItsPortOnlyWhileOpen() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
			assertThat(this.probe.used(Protocol.TCP, port)).isTrue();
			assertThat(this.probe.listening().tcp()).contains(port);
		}
		assertThat(this.probe.used(Protocol.TCP, port)).isFalse();
	}

	@Test
	void anIpv6ListenerIsFoundInTcp6() throws IOException {
		try (ServerSocket socket = Ipv6.listener()) {
			assertThat(this.probe.used(Protocol.TCP, socket.getLocalPort())).isTrue();
		}
	}

	@Test
	void aConnectedClientsPortIsNotListening() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
				Socket client = new Socket()) {
			client.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
			assertThat(this.probe.used(Protocol.TCP, client.getLocalPort())).isFalse();
		}
	}

	@Test
	void aBoundUdpSocketUsesItsPortOverIpv4AndIpv6() throws IOException {
		int port;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
			assertThat(this.probe.used(Protocol.UDP, port)).isTrue();
			assertThat(this.probe.used(Protocol.TCP, port)).isFalse();
			assertThat(this.probe.listening().udp()).contains(port);
		}
		assertThat(this.probe.used(Protocol.UDP, port)).isFalse();
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
			assertThat(this.probe.used(Protocol.UDP, socket.getLocalPort())).isTrue();
		}
		catch (IOException ex) {
			assumeThat(ex).as("IPv6 loopback available").isNull();
		}
	}

	@Test
	void tableLinesAreReadByStateAndHexPort() {
		String listen = "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0 0 1 1";
		String established = "   1: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  0 0 2 1";
		String udp6 = "  10: 00000000000000000000000001000000:840E 00000000000000000000000000000000:0000 07 "
				+ "00000000:00000000 00:00000000 00000000  0 0 3 2";
		assertThat(PortUsage.usedPort(Protocol.TCP, listen)).isEqualTo(8080);
		assertThat(PortUsage.usedPort(Protocol.TCP, established)).isZero();
		assertThat(PortUsage.usedPort(Protocol.UDP, udp6)).isEqualTo(33806);
		assertThat(PortUsage.usedPort(Protocol.TCP, "garbage")).isZero();
	}

	@Test
	void missingIpv6TablesMeanNothingListensThere(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("tcp"), "  sl  local_address rem_address   st\n"
				+ "   0: 00000000:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0 0 1 1\n");
		Files.writeString(dir.resolve("udp"), "  sl  local_address rem_address   st\n");
		PortUsage tables = new PortUsage(null, dir);
		assertThat(tables.used(Protocol.TCP, 5000)).isTrue();
		assertThat(tables.used(Protocol.UDP, 5000)).isFalse();
		assertThat(tables.listening().tcp()).containsExactly(5000);
	}

}
