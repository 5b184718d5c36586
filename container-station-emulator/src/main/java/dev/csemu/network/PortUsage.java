package dev.csemu.network;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.util.Assert;

/**
 * Which ports are in use, as {@code /system/port} tells it: the fixture's ports or the
 * machine's probe, or port sets set at run time (by the control API) until cleared.
 */
public final class PortUsage {

	/** The lowest port. */
	public static final int MIN_PORT = 1;

	/** The highest port. */
	public static final int MAX_PORT = 65535;

	private final UsedPorts fixture;

	private final PortProbe machine;

	private volatile UsedPorts override;

	/** The fixture's ports, or the machine's when {@code fixture} is null. */
	PortUsage(UsedPorts fixture, PortProbe machine) {
		this.fixture = fixture;
		this.machine = machine;
	}

	/**
	 * Whether a port is in use.
	 * @param protocol the protocol
	 * @param port the port, from 1 to 65535
	 * @return true when in use
	 */
	public boolean used(Protocol protocol, int port) {
		checkPort(port, "port");
		UsedPorts listed = listed();
		return (listed != null) ? listed.contains(protocol, port) : this.machine.used(protocol, port);
	}

	/**
	 * Every port in use, for the diagnosis report.
	 * @return the override if one is set, else the fixture's or what the probe can list
	 */
	public UsedPorts listening() {
		UsedPorts listed = listed();
		return (listed != null) ? listed : this.machine.listening();
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
		tcp.forEach((port) -> checkPort(port, "port"));
		udp.forEach((port) -> checkPort(port, "port"));
		this.override = new UsedPorts("override", new TreeSet<>(tcp), new TreeSet<>(udp));
	}

	/**
	 * The ports set by {@link #override(Set, Set)}, if any.
	 * @return the override
	 */
	public Optional<UsedPorts> overridden() {
		return Optional.ofNullable(this.override);
	}

	/**
	 * Back to the source's own answers (the machine's, or the fixture's).
	 */
	public void clearOverride() {
		this.override = null;
	}

	static void checkPort(Integer port, String name) {
		Assert.isTrue(port != null && port >= MIN_PORT && port <= MAX_PORT,
				() -> name + " must be from 1 to 65535, not " + port);
	}

}
