package dev.csemu.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.csemu.network.BridgeResponse.Adapter;

/**
 * The adapters {@code /system/bridge} lists: the fixture's, or the machine's. Those are
 * every interface that is up, not loopback, and has an IPv4 address, ordered by interface
 * index; addresses from {@link NetworkInterface}, default routes from
 * {@code /proc/net/route}, and the bridge an adapter is enslaved to from
 * {@code /sys/class/net/<if>/master}. Without those files (not Linux) no adapter has a
 * gateway or a bridge.
 */
public final class Bridges {

	private static final int RTF_UP = 0x1;

	private static final int RTF_GATEWAY = 0x2;

	private final BridgeResponse fixture;

	private final Path sysClassNet;

	private final Path procNetRoute;

	/** The fixture's adapters, or the machine's when {@code fixture} is null. */
	Bridges(BridgeResponse fixture, Path sysClassNet, Path procNetRoute) {
		this.fixture = fixture;
		this.sysClassNet = sysClassNet;
		this.procNetRoute = procNetRoute;
	}

	/** The {@code /system/bridge} body now. */
	public BridgeResponse current() {
		if (this.fixture != null) {
			return this.fixture;
		}
		try {
			List<String> routes = Files.isReadable(this.procNetRoute) ? Files.readAllLines(this.procNetRoute)
					: List.of();
			return assemble(upAdapters(), defaultRoutes(routes, ByteOrder.nativeOrder()), this::bridgeOf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The {@code /system/bridge} body from the machine's facts.
	 * @param nics the adapters, in their listed order
	 * @param defaultRoutes the default routes by interface name
	 * @param bridgeOf the bridge an interface is enslaved to, or null
	 * @return the body
	 */
	static BridgeResponse assemble(List<Nic> nics, Map<String, DefaultRoute> defaultRoutes,
			Function<String, String> bridgeOf) {
		List<Adapter> data = new ArrayList<>();
		int defaultAdapter = 0;
		long defaultMetric = Long.MAX_VALUE;
		for (Nic nic : nics) {
			DefaultRoute route = defaultRoutes.get(nic.name());
			if (route != null && route.metric() < defaultMetric) {
				defaultMetric = route.metric();
				defaultAdapter = data.size();
			}
			data.add(new Adapter(bridgeOf.apply(nic.name()), null, (route != null) ? route.gateway() : "", nic.ip(),
					nic.name(), netmask(nic.prefixLength())));
		}
		return new BridgeResponse(data, defaultAdapter);
	}

	private static List<Nic> upAdapters() throws SocketException {
		List<Nic> nics = new ArrayList<>();
		for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
			if (nif.isUp() && !nif.isLoopback() && !nif.isVirtual()) {
				nif.getInterfaceAddresses()
					.stream()
					.filter((address) -> address.getAddress() instanceof Inet4Address)
					.findFirst()
					.ifPresent((address) -> nics.add(new Nic(nif.getName(), nif.getIndex(),
							address.getAddress().getHostAddress(), address.getNetworkPrefixLength())));
			}
		}
		nics.sort(Comparator.comparingInt(Nic::index).thenComparing(Nic::name));
		return nics;
	}

	/**
	 * The default routes in the lines of {@code /proc/net/route}, the lowest metric per
	 * interface.
	 * @param lines the file's lines, header first
	 * @param order the kernel's byte order, in which addresses are printed
	 * @return the default routes by interface name
	 */
	static Map<String, DefaultRoute> defaultRoutes(List<String> lines, ByteOrder order) {
		Map<String, DefaultRoute> routes = new HashMap<>();
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length < 8) {
				continue;
			}
			try {
				long destination = Long.parseLong(fields[1], 16);
				int flags = Integer.parseInt(fields[3], 16);
				long metric = Long.parseLong(fields[6]);
				long mask = Long.parseLong(fields[7], 16);
				if (destination != 0 || mask != 0 || (flags & RTF_UP) == 0) {
					continue;
				}
				String gateway = ((flags & RTF_GATEWAY) != 0) ? dotted(fields[2], order) : "";
				routes.merge(fields[0], new DefaultRoute(gateway, metric),
						(kept, other) -> (other.metric() < kept.metric()) ? other : kept);
			}
			catch (NumberFormatException ex) {
				// Not a route line.
			}
		}
		return routes;
	}

	/**
	 * An IPv4 address as {@code /proc/net/route} prints it (the 32 bits in network order,
	 * read as a number in the kernel's byte order) in dotted form.
	 * @param hex eight hex digits, such as {@code 010200C0}
	 * @param order the kernel's byte order
	 * @return the dotted address, such as {@code 192.0.2.1}
	 */
	static String dotted(String hex, ByteOrder order) {
		int value = Integer.parseUnsignedInt(hex, 16);
		return dotted((order == ByteOrder.LITTLE_ENDIAN) ? Integer.reverseBytes(value) : value);
	}

	/** A prefix length (0 to 32) as a dotted netmask, such as {@code 255.255.254.0}. */
	static String netmask(int prefixLength) {
		return dotted((prefixLength <= 0) ? 0 : -1 << (32 - Math.min(32, prefixLength)));
	}

	private static String dotted(int address) {
		return (address >>> 24) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
				+ (address & 0xff);
	}

	/**
	 * The Linux bridge an interface is enslaved to.
	 * @param name the interface
	 * @return the bridge's name, or null when the interface has no master or its master
	 * is not a bridge (a bond, say)
	 */
	String bridgeOf(String name) {
		Path master = this.sysClassNet.resolve(name).resolve("master");
		if (!Files.isSymbolicLink(master)) {
			return null;
		}
		try {
			String masterName = Files.readSymbolicLink(master).getFileName().toString();
			return Files.isDirectory(this.sysClassNet.resolve(masterName).resolve("bridge")) ? masterName : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * An adapter with its first IPv4 address.
	 *
	 * @param name the interface name
	 * @param index the interface index, which orders the list
	 * @param ip the IPv4 address
	 * @param prefixLength the address's network prefix length
	 */
	record Nic(String name, int index, String ip, int prefixLength) {

	}

	/**
	 * A default route.
	 *
	 * @param gateway the gateway, dotted, or empty for a route without one
	 * @param metric the route's metric; the lowest wins
	 */
	record DefaultRoute(String gateway, long metric) {

	}

}
