package dev.csemu.network;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ports in use: TCP ports with a listening socket and UDP ports with a bound one.
 *
 * @param source where the list comes from: the kernel's socket tables, the fixture, an
 * override, or why no list can be had
 * @param tcp TCP ports with a listening socket, ascending
 * @param udp UDP ports with a bound socket, ascending
 */
public record UsedPorts(String source, SortedSet<Integer> tcp, SortedSet<Integer> udp) {

	public UsedPorts {
		tcp = Collections.unmodifiableSortedSet(new TreeSet<>(tcp));
		udp = Collections.unmodifiableSortedSet(new TreeSet<>(udp));
	}

	/**
	 * The fixture's ports, as configured under {@code emulator.host.fixture.used-ports}.
	 * @param tcp TCP ports with a listening socket
	 * @param udp UDP ports with a bound socket
	 */
	@ConstructorBinding
	public UsedPorts(@DefaultValue("5000") Set<Integer> tcp, Set<Integer> udp) {
		this("fixture (emulator.host.fixture.used-ports)", checked(tcp, "emulator.host.fixture.used-ports.tcp"),
				checked(udp, "emulator.host.fixture.used-ports.udp"));
	}

	/** The ports, sorted, each checked to be from 1 to 65535; the error names them. */
	static SortedSet<Integer> checked(Set<Integer> ports, String name) {
		Set<Integer> given = (ports != null) ? ports : Set.of();
		given.forEach((port) -> PortUsage.checkPort(port, name));
		return new TreeSet<>(given);
	}

	boolean contains(Protocol protocol, int port) {
		return ((protocol == Protocol.TCP) ? this.tcp : this.udp).contains(port);
	}

}
