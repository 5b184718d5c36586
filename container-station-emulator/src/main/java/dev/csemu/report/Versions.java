package dev.csemu.report;

import org.springframework.boot.SpringBootVersion;

/**
 * What the emulator is and runs on, for {@code versions.json}.
 *
 * @param emulator the emulator's version, or {@code development} when not run from its
 * jar
 * @param springBoot Spring Boot's version
 * @param java the Java runtime's version
 * @param javaVendor the Java runtime's vendor
 * @param javaVm the Java virtual machine
 * @param os the operating system's name
 * @param osVersion the operating system's version
 * @param osArch the JVM's architecture
 */
record Versions(String emulator, String springBoot, String java, String javaVendor, String javaVm, String os,
		String osVersion, String osArch) {

	static Versions current() {
		String emulator = Versions.class.getPackage().getImplementationVersion();
		return new Versions((emulator != null) ? emulator : "development", SpringBootVersion.getVersion(),
				Runtime.version().toString(), System.getProperty("java.vendor"), System.getProperty("java.vm.name"),
				System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
	}

}
