package dev.csemu.system;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's host name, read once at start: the one source for the live
 * {@code /system} {@code hostname} (and so the report's name) and the Docker server
 * certificate's name.
 */
public final class HostName {

	private final String name;

	HostName(String name) {
		this.name = name;
	}

	static HostName detect() {
		try {
			return new HostName(InetAddress.getLocalHost().getHostName());
		}
		catch (UnknownHostException ex) {
			return new HostName("");
		}
	}

	/**
	 * The host name.
	 * @return the name, or empty when this machine has none that resolves
	 */
	public String value() {
		return this.name;
	}

}
