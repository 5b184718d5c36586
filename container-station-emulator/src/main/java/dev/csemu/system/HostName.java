package dev.csemu.system;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's host name, read once at start: the one source for the live
 * {@code /system} {@code hostname} (and so the report's name) and the Docker server
 * certificate's name.
 *
 * @param value the name, or empty when this machine has none that resolves
 */
public record HostName(String value) {

	static HostName detect() {
		try {
			return new HostName(InetAddress.getLocalHost().getHostName());
		}
		catch (UnknownHostException ex) {
			return new HostName("");
		}
	}

}
