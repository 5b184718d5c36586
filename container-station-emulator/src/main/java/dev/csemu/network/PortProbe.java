package dev.csemu.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Whether a port is in use on this machine; the seam between {@code /system/port} and
 * sockets. A check never holds the port and needs no root. On Linux from the kernel's
 * socket tables: {@code /proc/net/tcp} and {@code tcp6} (sockets in the LISTEN state),
 * {@code udp} and {@code udp6} (any bound socket); reading them needs no privilege, holds
 * no port, and tells "in use" apart from "not allowed to bind". Where there are no such
 * tables, by trying to bind the port on every address and letting go at once: "Address
 * already in use" means used; where binding is not allowed (a privileged port), a TCP
 * port is used when something on the loopback address accepts a connection, and a UDP
 * port counts as free.
 */
final class PortProbe {

	/** {@code TCP_LISTEN} in the {@code st} column. */
	private static final String LISTEN = "0A";

	private static final int CONNECT_TIMEOUT_MILLIS = 200;

	private final Path procNet;

	/**
	 * A probe.
	 * @param procNet where the kernel's socket tables are ({@code /proc/net}), or null to
	 * probe by binding
	 */
	PortProbe(Path procNet) {
		this.procNet = procNet;
	}

	/**
	 * Whether a port is in use: for TCP a socket listens on it on any local address, IPv4
	 * or IPv6; for UDP a socket is bound to it.
	 * @param protocol the protocol
	 * @param port the port, from 1 to 65535
	 * @return true when in use
	 */
	boolean used(Protocol protocol, int port) {
		return (this.procNet != null) ? !scan(protocol, (candidate) -> candidate != port) : bindFails(protocol, port);
	}

	/**
	 * Every port in use, where the probe can list them.
	 * @return the ports; empty sets and the reason in {@code source} when it cannot
	 */
	UsedPorts listening() {
		if (this.procNet == null) {
			return new UsedPorts("unavailable: no kernel socket tables here, and a bind probe cannot list ports",
					new TreeSet<>(), new TreeSet<>());
		}
		SortedSet<Integer> tcp = new TreeSet<>();
		SortedSet<Integer> udp = new TreeSet<>();
		scan(Protocol.TCP, (port) -> {
			tcp.add(port);
			return true;
		});
		scan(Protocol.UDP, (port) -> {
			udp.add(port);
			return true;
		});
		return new UsedPorts("kernel socket tables (" + this.procNet + ")", tcp, udp);
	}

	/**
	 * Passes every used port of a protocol to a consumer until it says stop.
	 * @param protocol the protocol
	 * @param more told each used port; false stops the scan
	 * @return true when the scan ran to the end
	 */
	private boolean scan(Protocol protocol, IntPredicate more) {
		List<String> tables = (protocol == Protocol.TCP) ? List.of("tcp", "tcp6") : List.of("udp", "udp6");
		for (String table : tables) {
			try (BufferedReader reader = Files.newBufferedReader(this.procNet.resolve(table),
					StandardCharsets.US_ASCII)) {
				reader.readLine();
				String line;
				while ((line = reader.readLine()) != null) {
					int port = usedPort(protocol, line);
					if (port > 0 && !more.test(port)) {
						return false;
					}
				}
			}
			catch (NoSuchFileException ex) {
				// No IPv6 (tcp6/udp6 absent): nothing listens there.
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return true;
	}

	/**
	 * The local port of one table line, if the socket counts as using it.
	 * @param protocol the table's protocol
	 * @param line a line such as
	 * {@code 0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 ...}
	 * @return the port, or 0 when the socket does not use one (a TCP socket not
	 * listening, a malformed line)
	 */
	static int usedPort(Protocol protocol, String line) {
		String[] fields = line.trim().split("\\s+");
		if (fields.length < 4) {
			return 0;
		}
		if (protocol == Protocol.TCP && !LISTEN.equals(fields[3])) {
			return 0;
		}
		String local = fields[1];
		int colon = local.lastIndexOf(':');
		try {
			return (colon < 0) ? 0 : Integer.parseInt(local.substring(colon + 1), 16);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static boolean bindFails(Protocol protocol, int port) {
		try {
			if (protocol == Protocol.TCP) {
				try (ServerSocket socket = new ServerSocket()) {
					socket.bind(new InetSocketAddress(port), 1);
				}
			}
			else {
				try (DatagramSocket socket = new DatagramSocket(null)) {
					socket.setReuseAddress(false);
					socket.bind(new InetSocketAddress(port));
				}
			}
			return false;
		}
		catch (BindException ex) {
			if (inUse(ex)) {
				return true;
			}
			return protocol == Protocol.TCP && acceptsOnLoopback(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean inUse(BindException ex) {
		String message = ex.getMessage();
		return message != null && message.toLowerCase(Locale.ROOT).contains("in use");
	}

	private static boolean acceptsOnLoopback(int port) {
		for (String loopback : new String[] { "127.0.0.1", "::1" }) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getByName(loopback), port), CONNECT_TIMEOUT_MILLIS);
				return true;
			}
			catch (IOException ex) {
				// Refused or unreachable: nothing listens there.
			}
		}
		return false;
	}

}
