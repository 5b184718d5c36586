package dev.csemu.tls;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names this machine answers to, which the server certificate always carries: its
 * host name, {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the address of every
 * local network interface.
 *
 * @param dnsNames DNS names
 * @param addresses IP addresses, without IPv6 zones
 */
record LocalNames(List<String> dnsNames, List<InetAddress> addresses) {

	LocalNames {
		dnsNames = List.copyOf(dnsNames);
		addresses = List.copyOf(addresses);
	}

	/**
	 * Looks at this machine's addresses now.
	 * @param hostName the host name, empty when there is none
	 * @return its names
	 */
	static LocalNames detect(String hostName) {
		Set<String> dns = new LinkedHashSet<>();
		dns.add("localhost");
		String name = hostName.toLowerCase(Locale.ROOT);
		if (DomainNames.isHostName(name)) {
			dns.add(name);
		}
		Set<InetAddress> addresses = new LinkedHashSet<>();
		addresses.add(DomainNames.toAddress("127.0.0.1"));
		addresses.add(DomainNames.toAddress("::1"));
		try {
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					addresses.add(withoutZone(address));
				}
			}
		}
		catch (SocketException ex) {
			// Interfaces cannot be listed: the loopback addresses remain.
		}
		return new LocalNames(List.copyOf(dns), List.copyOf(addresses));
	}

	/**
	 * The host name, when it is a usable certificate name.
	 * @return the first name other than {@code localhost}, or {@code localhost}
	 */
	String hostName() {
		return this.dnsNames.stream().filter((name) -> !name.equals("localhost")).findFirst().orElse("localhost");
	}

	static InetAddress withoutZone(InetAddress address) {
		if (address instanceof Inet6Address) {
			// Rebuilt from its bytes alone, the address loses its zone (%eth0).
			try {
				return InetAddress.getByAddress(address.getAddress());
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address;
	}

}
