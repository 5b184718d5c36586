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
		this("fixture (emulator.host.fixture.used-ports)", configured(tcp, "tcp"), configured(udp, "udp"));
	}

	private static SortedSet<Integer> configured(Set<Integer> ports, String protocol) {
		SortedSet<Integer> sorted = new TreeSet<>((ports != null) ? ports : Set.of());
		sorted.forEach((port) -> PortUsage.checkPort(port, "emulator.host.fixture.used-ports." + protocol));
		return sorted;
	}

	boolean contains(Protocol protocol, int port) {
		return ((protocol == Protocol.TCP) ? this.tcp : this.udp).contains(port);
	}

}
