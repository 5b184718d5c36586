package dev.csemu.network;

import java.util.Optional;

/**
 * A transport protocol {@code /system/port} checks, named exactly as in its path.
 */
public enum Protocol {

	/** TCP: a port is used when a socket listens on it. */
	TCP("tcp"),

	/** UDP: a port is used when a socket is bound to it. */
	UDP("udp");

	private final String path;

	Protocol(String path) {
		this.path = path;
	}

	/**
	 * The protocol as its path segment names it, exactly ({@code tcp} or {@code udp}).
	 * @param segment the path segment
	 * @return the protocol, or empty for anything else (including {@code TCP})
	 */
	public static Optional<Protocol> fromPath(String segment) {
		for (Protocol protocol : values()) {
			if (protocol.path.equals(segment)) {
				return Optional.of(protocol);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return this.path;
	}

}
