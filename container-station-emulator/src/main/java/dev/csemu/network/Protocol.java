package dev.csemu.network;

import java.util.Optional;

/**
 * A transport protocol {@code /system/port} checks.
 */
public enum Protocol {

	/** TCP: a port is used when a socket listens on it. */
	TCP,

	/** UDP: a port is used when a socket is bound to it. */
	UDP;

	/**
	 * The protocol as its path segment names it, exactly ({@code tcp} or {@code udp}).
	 * @param segment the path segment
	 * @return the protocol, or empty for anything else (including {@code TCP})
	 */
	public static Optional<Protocol> fromPath(String segment) {
		return switch (segment) {
			case "tcp" -> Optional.of(TCP);
			case "udp" -> Optional.of(UDP);
			default -> Optional.empty();
		};
	}

}
