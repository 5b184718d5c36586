package dev.csemu.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Seeded generators of {@code domain_names} values and {@code /system/port} paths, valid
 * and invalid by construction: an invalid value is a valid one with one known defect, so
 * that no generated "bad" value can slip through as good.
 */
final class InputGenerators {

	private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

	private static final String LABEL_CHARACTERS = LETTERS + "0123456789-";

	private static final String PUNCTUATION = "_ !@#$%^&*()+=[]{}|;:'\"<>?/\\~`";

	private static final List<String> BAD_IPV6 = List.of(":::1", "1::2::3", "12345::1", "fe80::1%eth0", "[::1]",
			"1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.256", "g::1", "1:2:3:4:5:6:7", "::1::", "2001:db8::/32");

	private static final List<String> BAD_PROTOCOLS = List.of("TCP", "Tcp", "UDP", "tcp6", "udp4", "sctp", "tc", "tcpp",
			"icmp", "tcp%00", "%20tcp", "t-c-p", "%E2%80%AEtcp");

	private InputGenerators() {
	}

	static String hostName(Random random) {
		int labels = 1 + random.nextInt(4);
		StringJoiner name = new StringJoiner(".");
		for (int i = 0; i < labels - 1; i++) {
			name.add(label(random, 1 + random.nextInt(20)));
		}
		StringBuilder top = new StringBuilder();
		for (int i = 0, n = 2 + random.nextInt(5); i < n; i++) {
			top.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
		}
		return name.add(top).toString();
	}

	private static String label(Random random, int length) {
		StringBuilder label = new StringBuilder();
		for (int i = 0; i < length; i++) {
			boolean edge = i == 0 || i == length - 1;
			String characters = edge ? LETTERS + "0123456789" : LABEL_CHARACTERS;
			label.append(characters.charAt(random.nextInt(characters.length())));
		}
		return label.toString();
	}

	static String ipv4(Random random) {
		return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
	}

	static String ipv6(Random random) {
		List<String> groups = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			groups.add(Integer.toHexString(random.nextInt(0x10000)));
		}
		if (random.nextBoolean()) {
			return String.join(":", groups);
		}
		int left = random.nextInt(4);
		int right = random.nextInt(4);
		return String.join(":", groups.subList(0, left)) + "::" + String.join(":", groups.subList(8 - right, 8));
	}

	/**
	 * A valid {@code domain_names} value: 1 to 4 host names, IPv4 and IPv6 literals.
	 * @param random the source
	 * @return the entries, to be joined with commas
	 */
	static List<String> validDomainNames(Random random) {
		List<String> entries = new ArrayList<>();
		for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
			entries.add(switch (random.nextInt(3)) {
				case 0 -> ipv4(random);
				case 1 -> ipv6(random);
				default -> hostName(random);
			});
		}
		return entries;
	}

	/**
	 * An invalid {@code domain_names} value: valid entries and one entry (or list shape)
	 * with a known defect.
	 * @param random the source
	 * @return the value and the defect's name
	 */
	static Generated invalidDomainNames(Random random) {
		String name = hostName(random);
		int defect = random.nextInt(18);
		String bad = switch (defect) {
			case 0 -> insert(random, name, PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
			case 1 -> "-" + name;
			case 2 -> name.replaceFirst("\\.|$", "-.");
			case 3 -> label(random, 64) + "." + name;
			case 4 -> (label(random, 60) + ".").repeat(5) + name;
			case 5 -> name.replaceFirst("\\.|$", "..");
			case 6 -> name + ".";
			case 7 -> name + "." + (1 + random.nextInt(999));
			case 8 -> List.of("10.01.2.3", "10.0.0.256", "10.0.1", "1.2.3.4.5", "-1.2.3.4", "1.2.3.04")
				.get(random.nextInt(6));
			case 9 -> BAD_IPV6.get(random.nextInt(BAD_IPV6.size()));
			case 10 -> insert(random, name, "\u0430\u00e4\u200b\u202e\u00a0\ufeff".charAt(random.nextInt(6)));
			case 11 -> List.of(",", ",,", ", ,").get(random.nextInt(3));
			case 12 -> String.join(",", java.util.Collections.nCopies(DOMAIN_NAMES_MAX + 1, name));
			case 13 -> insert(random, name, " \t".charAt(random.nextInt(2)));
			case 14 -> "*." + name;
			case 15 -> List.of("http://" + name, name + ":80", name + "/path", "user@" + name).get(random.nextInt(4));
			case 16 -> insert(random, name, (char) (1 + random.nextInt(31)));
			default -> List.of(".", "...", "-", ".-.").get(random.nextInt(4));
		};
		List<String> entries = new ArrayList<>(validDomainNames(random).subList(0, random.nextInt(2)));
		entries.add(random.nextInt(entries.size() + 1), bad);
		return new Generated(String.join(",", entries), DEFECTS.get(defect));
	}

	private static final int DOMAIN_NAMES_MAX = 32;

	private static final List<String> DEFECTS = List.of("punctuation", "leading hyphen", "trailing hyphen",
			"64-character label", "over 253 characters", "empty label", "trailing dot", "all-digit top label",
			"bad IPv4", "bad IPv6", "non-ASCII", "empty entry", "33 entries", "inner whitespace", "wildcard",
			"URL, port or path", "control character", "dots only");

	private static String insert(Random random, String text, char c) {
		int at = 1 + random.nextInt(Math.max(1, text.length() - 1));
		return text.substring(0, at) + c + text.substring(at);
	}

	/**
	 * A valid port path below {@code /system/port}.
	 * @param random the source
	 * @return such as {@code tcp/5000}
	 */
	static String validPortPath(Random random) {
		return (random.nextBoolean() ? "tcp" : "udp") + "/" + (1 + random.nextInt(65535));
	}

	/**
	 * An invalid port path below {@code /system/port}: a bad protocol, a bad port, or
	 * both; percent-encoded where the path needs it.
	 * @param random the source
	 * @return the path and the defect's name
	 */
	static Generated invalidPortPath(Random random) {
		String protocol = random.nextBoolean() ? "tcp" : "udp";
		String port = Integer.toString(1 + random.nextInt(65535));
		boolean badProtocol = random.nextInt(3) == 0;
		if (badProtocol) {
			protocol = BAD_PROTOCOLS.get(random.nextInt(BAD_PROTOCOLS.size()));
		}
		String defect = badProtocol ? "protocol " + protocol : "";
		if (!badProtocol || random.nextBoolean()) {
			int kind = random.nextInt(12);
			port = switch (kind) {
				case 0 -> "0";
				case 1 -> Integer.toString(65536 + random.nextInt(34464));
				case 2 -> digits(random, 6 + random.nextInt(20));
				case 3 -> "0" + port;
				case 4 -> (random.nextBoolean() ? "%2B" : "-") + port;
				case 5 -> port + (random.nextBoolean() ? ".0" : "e0");
				case 6 -> "0x" + Integer.toHexString(Integer.parseInt(port));
				case 7 -> (random.nextBoolean() ? "%20" : "") + port + "%20";
				case 8 -> fullWidth(port);
				case 9 -> port.substring(0, 1) + "%E2%80%8B" + port.substring(1);
				case 10 -> "%D9%A8%D9%A0";
				default -> "port" + port;
			};
			defect = (defect.isEmpty() ? "" : defect + ", ") + PORT_DEFECTS.get(kind);
		}
		return new Generated(protocol + "/" + port, defect);
	}

	private static final List<String> PORT_DEFECTS = List.of("port 0", "port above 65535", "huge port", "leading zero",
			"sign", "fraction or exponent", "hexadecimal", "spaces", "full-width digits", "zero-width space",
			"Arabic-Indic digits", "letters");

	private static String digits(Random random, int length) {
		StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
		for (int i = 1; i < length; i++) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

	private static String fullWidth(String digits) {
		StringBuilder encoded = new StringBuilder();
		for (char c : digits.toCharArray()) {
			// U+FF10 + digit, as UTF-8 percent-encoded: EF BC 90..99
			encoded.append("%EF%BC%").append(Integer.toHexString(0x90 + (c - '0')).toUpperCase(java.util.Locale.ROOT));
		}
		return encoded.toString();
	}

	/**
	 * A generated value.
	 *
	 * @param value the value
	 * @param defect what makes it invalid
	 */
	record Generated(String value, String defect) {
	}

}
