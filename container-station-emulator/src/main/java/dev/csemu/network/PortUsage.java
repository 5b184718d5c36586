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
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntPredicate;

import org.springframework.util.Assert;

/**
 * Which ports are in use, as {@code /system/port} tells it: port sets set at run time (by
 * the control API) until cleared, else the fixture's, else the machine's. A check of the
 * machine never holds the port and needs no root. On Linux it reads the kernel's socket
 * tables: {@code /proc/net/tcp} and {@code tcp6} (sockets in the LISTEN state),
 * {@code udp} and {@code udp6} (any bound socket); reading them needs no privilege, holds
 * no port, and tells "in use" apart from "not allowed to bind". Where there are no such
 * tables, it tries to bind the port on every address and lets go at once: "Address
 * already in use" means used; where binding is not allowed (a privileged port), a TCP
 * port is used when something on the loopback address accepts a connection, and a UDP
 * port counts as free.
 */
public final class PortUsage {

	/** The highest port. */
	public static final int MAX_PORT = 65535;

	/** {@code TCP_LISTEN} in the {@code st} column. */
	private static final String LISTEN = "0A";

	private static final int CONNECT_TIMEOUT_MILLIS = 200;

	private final UsedPorts fixture;

	private final Path procNet;

	private volatile UsedPorts override;

	/**
	 * The fixture's ports, or the machine's when {@code fixture} is null.
	 * @param fixture the fixture's ports, or null
	 * @param procNet where the kernel's socket tables are ({@code /proc/net}), or null to
	 * probe by binding
	 */
	PortUsage(UsedPorts fixture, Path procNet) {
		this.fixture = fixture;
		this.procNet = procNet;
	}

	/**
	 * Whether a port is in use: for TCP a socket listens on it on any local address, IPv4
	 * or IPv6; for UDP a socket is bound to it.
	 * @param protocol the protocol
	 * @param port the port, from 1 to 65535
	 * @return true when in use
	 */
	public boolean used(Protocol protocol, int port) {
		checkPort(port, "port");
		UsedPorts listed = listed();
		if (listed != null) {
			return listed.contains(protocol, port);
		}
		return (this.procNet != null) ? !scan(protocol, (candidate) -> candidate != port) : bindFails(protocol, port);
	}

	/**
	 * Every port in use, for the diagnosis report.
	 * @return the override if one is set, else the fixture's or what the machine's tables
	 * list; empty sets and the reason in {@code source} when there are no tables
	 */
	public UsedPorts listening() {
		UsedPorts listed = listed();
		if (listed != null) {
			return listed;
		}
		SortedSet<Integer> tcp = new TreeSet<>();
		SortedSet<Integer> udp = new TreeSet<>();
		if (this.procNet == null) {
			return new UsedPorts("unavailable: no kernel socket tables here, and a bind probe cannot list ports", tcp,
					udp);
		}
		scan(Protocol.TCP, (port) -> tcp.add(port) || true);
		scan(Protocol.UDP, (port) -> udp.add(port) || true);
		return new UsedPorts("kernel socket tables (" + this.procNet + ")", tcp, udp);
	}

	private UsedPorts listed() {
		UsedPorts override = this.override;
		return (override != null) ? override : this.fixture;
	}

	/**
	 * Makes {@code /system/port} answer from the given sets, in either source, until
	 * {@link #clearOverride()}: a port is used exactly when its protocol's set holds it.
	 * @param tcp the used TCP ports
	 * @param udp the used UDP ports
	 */
	public void override(Set<Integer> tcp, Set<Integer> udp) {
		Assert.isTrue(tcp != null && udp != null, "tcp and udp port sets are required");
		this.override = new UsedPorts("override", UsedPorts.checked(tcp, "port"), UsedPorts.checked(udp, "port"));
	}

	public Optional<UsedPorts> overridden() {
		return Optional.ofNullable(this.override);
	}

	/** Back to the source's own answers (the machine's, or the fixture's). */
	public void clearOverride() {
		this.override = null;
	}

	static void checkPort(Integer port, String name) {
		Assert.isTrue(port != null && port >= 1 && port <= MAX_PORT,
				() -> name + " must be from 1 to 65535, not " + port);
	}

	/**
	 * Passes every used port of a protocol in the kernel's tables to a predicate until it
	 * says stop.
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
		if (fields.length < 4 || (protocol == Protocol.TCP && !LISTEN.equals(fields[3]))) {
			return 0;
		}
		int colon = fields[1].lastIndexOf(':');
		try {
			return (colon < 0) ? 0 : Integer.parseInt(fields[1].substring(colon + 1), 16);
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
			String message = ex.getMessage();
			if (message != null && message.toLowerCase(Locale.ROOT).contains("in use")) {
				return true;
			}
			return protocol == Protocol.TCP && acceptsOnLoopback(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
