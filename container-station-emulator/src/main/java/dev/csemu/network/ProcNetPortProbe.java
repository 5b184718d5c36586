package dev.csemu.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Ports in use from the Linux kernel's socket tables: {@code /proc/net/tcp} and
 * {@code tcp6} (sockets in the LISTEN state), {@code udp} and {@code udp6} (any bound
 * socket). Reading them needs no privilege, holds no port, and tells "in use" apart from
 * "not allowed to bind".
 */
final class ProcNetPortProbe implements PortProbe {

	/** {@code TCP_LISTEN} in the {@code st} column. */
	private static final String LISTEN = "0A";

	private final Path procNet;

	ProcNetPortProbe(Path procNet) {
		this.procNet = procNet;
	}

	@Override
	public boolean used(Protocol protocol, int port) {
		return !scan(protocol, (candidate) -> candidate != port);
	}

	@Override
	public UsedPorts listening() {
		Set<Integer> tcp = new HashSet<>();
		Set<Integer> udp = new HashSet<>();
		scan(Protocol.TCP, (port) -> {
			tcp.add(port);
			return true;
		});
		scan(Protocol.UDP, (port) -> {
			udp.add(port);
			return true;
		});
		return UsedPorts.of("kernel socket tables (" + this.procNet + ")", tcp, udp);
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

}
