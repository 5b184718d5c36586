package dev.csemu.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a port is in use, where there are no kernel socket tables to read: try to bind
 * it on every address and let go at once. "Address already in use" means used. Where
 * binding is not allowed (a privileged port), a TCP port is used when something on the
 * loopback address accepts a connection; a UDP port then counts as free.
 */
final class BindPortProbe implements PortProbe {

	private static final int CONNECT_TIMEOUT_MILLIS = 200;

	@Override
	public boolean used(Protocol protocol, int port) {
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

	@Override
	public UsedPorts listening() {
		return UsedPorts.of("unavailable: no kernel socket tables here, and a bind probe cannot list ports", Set.of(),
				Set.of());
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
