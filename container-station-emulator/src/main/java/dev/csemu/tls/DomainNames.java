package dev.csemu.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names the Docker server certificate carries: this machine's ({@link LocalNames})
 * and the extra {@code domain_names}, a comma-separated list of DNS host names and IP
 * literals, checked here without any name lookup.
 */
final class DomainNames {

	static final int MAX_ENTRIES = 32;

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	/** Groups of four hexadecimal digits at most: the JDK takes {@code 00001} for 1. */
	private static final Pattern IPV6 = Pattern.compile("(?!.*[0-9A-Fa-f]{5})[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	private static final Pattern BLANKS = Pattern.compile("^[ \t]+|[ \t]+\\z");

	private DomainNames() {
	}

	/**
	 * Splits and checks the value of {@code domain_names}; spaces and tabs around an
	 * entry are trimmed, and only those clear the list.
	 * @throws IllegalArgumentException naming the first bad entry, or when there are too
	 * many
	 */
	static List<String> parse(String value) {
		if (trimBlanks(value).isEmpty()) {
			return List.of();
		}
		String[] parts = value.split(",", -1);
		if (parts.length > MAX_ENTRIES) {
			throw new IllegalArgumentException(
					"domain_names holds " + parts.length + " entries; at most " + MAX_ENTRIES + " are allowed");
		}
		List<String> entries = new ArrayList<>(parts.length);
		for (String part : parts) {
			String entry = trimBlanks(part);
			if (!isHostName(entry) && !isIpLiteral(entry)) {
				String shown = (entry.length() <= 80) ? entry : entry.substring(0, 77) + "...";
				throw new IllegalArgumentException(
						"domain_names entry \"" + shown + "\" is neither a DNS host name nor an IPv4 or IPv6 address");
			}
			entries.add(entry);
		}
		return List.copyOf(entries);
	}

	/**
	 * Whether the text is a DNS host name: labels of 1 to 63 letters, digits and hyphens,
	 * neither starting nor ending with a hyphen, 253 characters at most, and not ending
	 * with an all-digit label (which would read as a malformed IPv4 address).
	 */
	static boolean isHostName(String text) {
		if (text.isEmpty() || text.length() > 253) {
			return false;
		}
		String[] labels = text.split("\\.", -1);
		for (String label : labels) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return !DIGITS.matcher(labels[labels.length - 1]).matches();
	}

	/** An IPv4 literal (dotted quad, no leading zeros) or IPv6 (no brackets, no zone). */
	static boolean isIpLiteral(String text) {
		try {
			toAddress(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The address an IP literal stands for. Only hexadecimal digits, colons and an IPv4
	 * tail (checked here: the JDK reads leading zeros) reach the JDK's literal parser,
	 * which never looks a name up for text that starts with a hexadecimal digit or a
	 * colon and holds a colon.
	 */
	static InetAddress toAddress(String literal) {
		int lastColon = literal.lastIndexOf(':');
		boolean ipv6 = lastColon >= 0 && IPV6.matcher(literal).matches()
				&& (literal.indexOf('.') < 0 || IPV4.matcher(literal.substring(lastColon + 1)).matches());
		try {
			if (ipv6 || IPV4.matcher(literal).matches()) {
				return InetAddress.getByName(literal);
			}
		}
		catch (UnknownHostException ex) {
			// Not an address after all.
		}
		throw new IllegalArgumentException("Not an IP literal: " + literal);
	}

	/**
	 * Removes the spaces and tabs around a value, and only those: a NUL, CR or other
	 * control character is part of the entry (and makes it invalid), not padding.
	 */
	private static String trimBlanks(String value) {
		return BLANKS.matcher(value).replaceAll("");
	}

	/**
	 * The names this machine answers to, which the server certificate always carries: its
	 * host name, {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the address of
	 * every local network interface (without IPv6 zones).
	 */
	record LocalNames(List<String> dnsNames, List<InetAddress> addresses) {

		/** Looks at this machine's addresses now; the host name may be empty. */
		static LocalNames detect(String hostName) {
			Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
			if (isHostName(hostName.toLowerCase(Locale.ROOT))) {
				dns.add(hostName.toLowerCase(Locale.ROOT));
			}
			Set<InetAddress> addresses = new LinkedHashSet<>(List.of(toAddress("127.0.0.1"), toAddress("::1")));
			try {
				for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
					for (InetAddress address : Collections.list(network.getInetAddresses())) {
						// Rebuilt from its bytes alone, an IPv6 address loses its zone
						// (%eth0).
						addresses.add(InetAddress.getByAddress(address.getAddress()));
					}
				}
			}
			catch (IOException ex) {
				// Interfaces cannot be listed: the loopback addresses remain.
			}
			return new LocalNames(List.copyOf(dns), List.copyOf(addresses));
		}

		/** The certificate's common name: the first name other than {@code localhost}. */
		String hostName() {
			return this.dnsNames.stream().filter((name) -> !name.equals("localhost")).findFirst().orElse("localhost");
		}

		/**
		 * The subject alternative names a server certificate for these and the domain
		 * names needs, in the form
		 * {@link TlsGeneration.Credential#subjectAlternativeNames()} reads them:
		 * {@code DNS:name} first, then {@code IP:address}.
		 */
		List<String> subjectAlternativeNames(List<String> domainNames) {
			Set<String> names = new LinkedHashSet<>();
			Stream.concat(this.dnsNames.stream(), domainNames.stream().filter((name) -> !isIpLiteral(name)))
				.forEach((name) -> names.add("DNS:" + name.toLowerCase(Locale.ROOT)));
			Stream
				.concat(this.addresses.stream(),
						domainNames.stream().filter(DomainNames::isIpLiteral).map(DomainNames::toAddress))
				.forEach((address) -> names.add("IP:" + address.getHostAddress()));
			return List.copyOf(names);
		}

	}

}
