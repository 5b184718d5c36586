package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.network.PortUsage;
import dev.csemu.system.HostResources;
import dev.csemu.tls.PrivateFiles;
import dev.csemu.tls.TlsCertificates;
import dev.csemu.tls.TlsState;
import dev.csemu.web.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Named snapshots of the emulator's durable state, one owner-only file each,
 * {@code snapshots/<name>.json} in the TLS folder (whose lock keeps other emulators
 * away): the TLS state as the TLS feature hands it over, the clock and the host
 * overrides, written at once by {@link PrivateFiles#write}.
 */
final class Snapshots {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final String SUFFIX = ".json";

	private final TlsCertificates certificates;

	private final EmulatorClock clock;

	private final HostResources resources;

	private final PortUsage ports;

	private final JsonMapper jsonMapper;

	Snapshots(TlsCertificates certificates, EmulatorClock clock, HostResources resources, PortUsage ports,
			JsonMapper jsonMapper) {
		this.certificates = certificates;
		this.clock = clock;
		this.resources = resources;
		this.ports = ports;
		this.jsonMapper = jsonMapper;
	}

	void save(String name) {
		Path file = file(name);
		Snapshot snapshot = new Snapshot(this.certificates.state(),
				ControlState.capture(this.clock, this.resources, this.ports));
		try {
			PrivateFiles.createOwnerOnlyDirectory(file.getParent());
			PrivateFiles.write(file, this.jsonMapper.writeValueAsBytes(snapshot), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot save the snapshot " + name, ex);
		}
	}

	void restore(String name) {
		Snapshot snapshot;
		try {
			snapshot = this.jsonMapper.readValue(Files.readAllBytes(file(name)), Snapshot.class);
		}
		catch (NoSuchFileException ex) {
			throw ApiException.notFound("there is no snapshot named " + name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the snapshot " + name, ex);
		}
		catch (JacksonException ex) {
			throw damaged(name, ex.getOriginalMessage());
		}
		if (snapshot.tls() == null || snapshot.control() == null) {
			throw damaged(name, "a part is missing");
		}
		try {
			this.certificates.restore(snapshot.tls());
			snapshot.control().apply(this.clock, this.resources, this.ports);
		}
		catch (IllegalArgumentException ex) {
			throw damaged(name, ex.getMessage());
		}
	}

	List<String> names() {
		List<String> names = new ArrayList<>();
		Path dir = directory();
		if (!Files.isDirectory(dir)) {
			return names;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
			for (Path file : files) {
				String fileName = file.getFileName().toString();
				String name = fileName.substring(0, fileName.length() - SUFFIX.length());
				if (NAME.matcher(name).matches()) {
					names.add(name);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the snapshots", ex);
		}
		names.sort(null);
		return names;
	}

	boolean delete(String name) {
		try {
			return Files.deleteIfExists(file(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete the snapshot " + name, ex);
		}
	}

	private Path directory() {
		return this.certificates.directory().resolve("snapshots");
	}

	private Path file(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw ApiException.badRequest("a snapshot name is 1 to 64 letters, digits, dots, hyphens or "
					+ "underscores, starting with a letter or a digit");
		}
		return directory().resolve(name + SUFFIX);
	}

	private static ApiException damaged(String name, String reason) {
		return new ApiException(HttpStatus.CONFLICT, "snapshot " + name + " is damaged: " + reason);
	}

	/**
	 * One snapshot file.
	 *
	 * @param tls the TLS feature's state
	 * @param control the clock and the host overrides
	 */
	record Snapshot(TlsState tls, ControlState control) {
	}

}
