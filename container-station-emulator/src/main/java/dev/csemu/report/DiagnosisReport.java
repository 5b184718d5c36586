package dev.csemu.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.csemu.network.Bridges;
import dev.csemu.network.PortUsage;
import dev.csemu.system.HostResources;
import dev.csemu.tls.TlsCertificates;
import dev.csemu.web.ContainerStationApi;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /system/report} (administrators only): the diagnosis archive, one named file
 * per section, each made from a feature's public API when the archive is written; a
 * feature adds its section with one line here. The files are written one after the other
 * as tar + bzip2 straight to the response, with no temporary file. A file that cannot be
 * made is replaced by {@code <name>.error.txt} saying why, so one failing part never
 * costs the rest.
 *
 * <p>
 * It is written on the request's own thread rather than as a
 * {@code StreamingResponseBody}: that one ends in an async dispatch, which the security
 * chain sees without the session (the session filter skips async dispatches) and answers
 * after the body is already committed.
 */
@ContainerStationApi
class DiagnosisReport {

	static final String BZIP2 = "application/x-bzip2";

	/** What a redacted configuration value reads. */
	static final String REDACTED = "******";

	private static final Logger logger = LoggerFactory.getLogger(DiagnosisReport.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private static final int FILE_MODE = 0100644;

	private static final List<ConfigurationPropertyName> PREFIXES = List.of(ConfigurationPropertyName.of("emulator"),
			ConfigurationPropertyName.of("server"));

	/**
	 * Secret words anywhere in a property name, or a name segment ending in "key" (such
	 * as {@code private-key}; not {@code key-store}).
	 */
	private static final Pattern SECRET = Pattern
		.compile("password|passwd|passphrase|pwd|secret|token|credential|key(?=$|\\.|\\[)");

	private final Supplier<String> hostname;

	private final List<ReportFile> files;

	private final Clock clock;

	@Autowired
	DiagnosisReport(HostResources resources, Bridges bridges, PortUsage ports, TlsCertificates certificates,
			ConfigurableEnvironment environment, RecentLogLines log, JsonMapper jsonMapper, Clock clock) {
		ObjectWriter json = jsonMapper.writerWithDefaultPrettyPrinter();
		this.hostname = () -> resources.system().hostname();
		this.files = List.of(ReportFile.json("system.json", resources::system, json),
				ReportFile.json("resource.json", resources::current, json),
				ReportFile.json("bridge.json", bridges::current, json),
				ReportFile.json("ports.json", ports::listening, json),
				// Subjects, SANs, serials, validity: never a key.
				ReportFile.json("tls.json", certificates::metadata, json),
				ReportFile.json("config.json", () -> configuration(environment), json),
				ReportFile.json("versions.json", Versions::current, json),
				new ReportFile("log.txt", () -> log.text().getBytes(StandardCharsets.UTF_8)));
		this.clock = clock;
	}

	DiagnosisReport(Supplier<String> hostname, List<ReportFile> files, Clock clock) {
		this.hostname = hostname;
		this.files = files;
		this.clock = clock;
	}

	@GetMapping("/system/report")
	void report(HttpServletResponse response) throws IOException {
		Instant now = this.clock.instant();
		ContentDisposition attachment = ContentDisposition.attachment()
			.filename(fileName(now, this.clock.getZone()))
			.build();
		response.setContentType(BZIP2);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment.toString());
		writeTo(response.getOutputStream(), now);
	}

	/**
	 * The archive's download name:
	 * {@code container-station-report-<hostname>-<yyyyMMdd-HHmmss>.tbz}, safe in a
	 * header.
	 */
	String fileName(Instant now, ZoneId zone) {
		String host = this.hostname.get().replaceAll("[^A-Za-z0-9._-]", "_");
		return "container-station-report-" + host + "-" + STAMP.format(now.atZone(zone)) + ".tbz";
	}

	/**
	 * Writes the archive.
	 * @param out where to, left open
	 * @param now the files' modification time
	 * @throws IOException when the client goes away
	 */
	void writeTo(OutputStream out, Instant now) throws IOException {
		BZip2CompressorOutputStream bzip2 = new BZip2CompressorOutputStream(StreamUtils.nonClosing(out),
				BZip2CompressorOutputStream.MIN_BLOCKSIZE);
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bzip2, StandardCharsets.UTF_8.name())) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			for (ReportFile file : this.files) {
				String name = file.name();
				byte[] content;
				try {
					content = file.content().get();
				}
				catch (RuntimeException ex) {
					logger.warn("Diagnosis report: could not make {}", name, ex);
					name = name + ".error.txt";
					content = ("Could not make " + file.name() + ": " + ex).getBytes(StandardCharsets.UTF_8);
				}
				TarArchiveEntry entry = new TarArchiveEntry(name);
				entry.setSize(content.length);
				entry.setMode(FILE_MODE);
				entry.setLastModifiedTime(FileTime.from(now));
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
			tar.finish();
		}
	}

	/**
	 * The effective configuration, for {@code config.json}: every {@code emulator.*} and
	 * {@code server.*} property set anywhere (files, command line, environment), by its
	 * canonical name, with the value that wins. Passwords, secrets (TOTP), tokens,
	 * credentials and private keys are never shown.
	 * @return values by canonical property name, sorted
	 */
	static SortedMap<String, String> configuration(ConfigurableEnvironment environment) {
		SortedMap<String, String> properties = new TreeMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((name) -> PREFIXES.stream().anyMatch((prefix) -> prefix.isAncestorOf(name)))
					.forEach((name) -> properties.computeIfAbsent(name.toString(),
							(key) -> configurationValue(environment, key)));
			}
		}
		return properties;
	}

	private static String configurationValue(ConfigurableEnvironment environment, String name) {
		if (SECRET.matcher(name).find()) {
			return REDACTED;
		}
		try {
			return environment.getProperty(name);
		}
		catch (IllegalArgumentException ex) {
			// An unresolvable placeholder: say so rather than fail the report.
			return "(unresolvable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * One file of the archive, its content made when the archive is written.
	 *
	 * @param name the file's name in the archive, such as {@code system.json}
	 * @param content makes the file's bytes
	 */
	record ReportFile(String name, Supplier<byte[]> content) {

		/** A file holding a value, from a feature's public API, as JSON. */
		static ReportFile json(String name, Supplier<?> value, ObjectWriter json) {
			return new ReportFile(name, () -> json.writeValueAsBytes(value.get()));
		}

	}

	/**
	 * What the emulator is and runs on, for {@code versions.json}.
	 *
	 * @param emulator the emulator's version, or {@code development} when not run from
	 * its jar
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

}
