package dev.csemu.network;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Port checks against real sockets, both ways the emulator makes them: from the Linux
 * kernel's socket tables, and by binding where there are none.
 */
class PortUsageSocketTests {

	private static final Path PROC_NET = Path.of("/proc/net");

	private final PortUsage tables = new PortUsage(null, PROC_NET);

	private final PortUsage binding = new PortUsage(null, null);

	/** Both probes; the kernel's only where its tables can be read. */
	static Stream<Named<PortUsage>> probes() {
		Stream<Named<PortUsage>> binding = Stream.of(Named.of("bind probe", new PortUsage(null, null)));
		return onLinux() ? Stream.concat(Stream.of(Named.of("kernel tables", new PortUsage(null, PROC_NET))), binding)
				: binding;
	}

	private static boolean onLinux() {
		return Files.isReadable(PROC_NET.resolve("tcp"));
	}

	@ParameterizedTest
	@MethodSource("probes")
	void aListeningTcpSocketUsesItsPortOnlyWhileOpen(PortUsage probe) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
			assertThat(probe.used(Protocol.TCP, port)).isTrue();
		}
		assertThat(probe.used(Protocol.TCP, port)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("probes")
	void anIpv6ListenerUsesItsPort(PortUsage probe) throws IOException {
		try (ServerSocket socket = Ipv6.listener()) {
			assertThat(probe.used(Protocol.TCP, socket.getLocalPort())).isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("probes")
	void aBoundUdpSocketUsesItsPortOnlyWhileOpen(PortUsage probe) throws IOException {
		int port;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
			assertThat(probe.used(Protocol.UDP, port)).isTrue();
		}
		assertThat(probe.used(Protocol.UDP, port)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("probes")
	void theProbeLetsGoOfThePortItTried(PortUsage probe) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
		}
		assertThat(probe.used(Protocol.TCP, port)).isFalse();
		try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(again.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void theKernelTablesListWhatListensByProtocol() throws IOException {
		assumeThat(onLinux()).isTrue();
		try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
				DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			assertThat(this.tables.listening().tcp()).contains(tcp.getLocalPort());
			assertThat(this.tables.listening().udp()).contains(udp.getLocalPort());
			assertThat(this.tables.used(Protocol.TCP, udp.getLocalPort())).isFalse();
		}
	}

	@Test
	void theKernelTablesSeeAUdpSocketOverIpv6() throws IOException {
		assumeThat(onLinux()).isTrue();
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
			assertThat(this.tables.used(Protocol.UDP, socket.getLocalPort())).isTrue();
		}
		catch (IOException ex) {
			assumeThat(ex).as("IPv6 loopback available").isNull();
		}
	}

	@Test
	void aConnectedClientsPortIsNotListening() throws IOException {
		assumeThat(onLinux()).isTrue();
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
				Socket client = new Socket()) {
			client.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
			assertThat(this.tables.used(Protocol.TCP, client.getLocalPort())).isFalse();
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

	@Test
	void aBindProbeCannotListPorts() {
		assertThat(this.binding.listening().tcp()).isEmpty();
		assertThat(this.binding.listening().source()).startsWith("unavailable");
	}

}
