package dev.csemu.system;

import java.util.Locale;

/**
 * This machine's architecture by the names the emulated products use. They agree but for
 * 32-bit ARM, deliberately: {@code /system}'s {@code machine} follows Container Station,
 * which says {@code armv7l} as {@code uname -m} does, while Docker's {@code /version}
 * follows Go, which says {@code arm}.
 *
 * @param machine the name in {@code /system}: {@code amd64}, {@code arm64},
 * {@code armv7l}, {@code 386}, or the JVM's name for others; empty when unknown
 * @param goArch the name in Docker's {@code /version}: {@code amd64}, {@code arm64},
 * {@code arm}, {@code 386}, or the JVM's name for others
 */
public record Architecture(String machine, String goArch) {

	/** The names of the JVM's architecture, {@code os.arch}. */
	public static Architecture current() {
		return of(System.getProperty("os.arch"));
	}

	static Architecture of(String osArch) {
		String arch = (osArch != null) ? osArch.trim().toLowerCase(Locale.ROOT) : "";
		return switch (arch) {
			case "amd64", "x86_64", "x64" -> new Architecture("amd64", "amd64");
			case "aarch64", "arm64" -> new Architecture("arm64", "arm64");
			case "arm", "arm32", "armv7", "armv7l", "armhf" -> new Architecture("armv7l", "arm");
			case "x86", "i386", "i486", "i586", "i686" -> new Architecture("386", "386");
			default -> new Architecture(arch, arch);
		};
	}

}
