package dev.csemu.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.csemu.tls.internal.BouncyCastleCertificateAuthority;
import dev.csemu.tls.internal.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The TLS folder on disk: permissions from creation, whole-set replacement, recovery
 * after a crash at any step, snapshots, and one emulator per folder.
 */
class TlsStoreTests {

	@TempDir
	Path temp;

	@Test
	void folderIsOwnerOnlyAndKeysAreOwnerOnlyFromCreation() throws IOException {
		assumePosix();
		Path dir = this.temp.resolve("certs");
		Path[] created = new Path[1];
		// Look at every file the moment after it is written, before anything could
		// chmod it.
		CrashPoint inspect = (step) -> {
			if (step.startsWith("wrote ")) {
				String name = step.substring("wrote ".length());
				Path file = generationFolder(dir).resolve(name);
				String expected = TlsStore.SECRETS.contains(name) ? "rw-------" : "rw-r--r--";
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name)
					.isIn(expected, "rw-------");
				created[0] = file;
			}
		};
		try (TlsStore store = TlsStore.open(dir, inspect)) {
			store.write(set("A"));
		}
		assertThat(created[0]).isNotNull();
		assertThat(permissions(dir)).isEqualTo("rwx------");
		assertThat(permissions(dir.resolve("generations"))).isEqualTo("rwx------");
		assertThat(permissions(generationFolder(dir))).isEqualTo("rwx------");
		for (String secret : TlsStore.SECRETS) {
			assertThat(permissions(generationFolder(dir).resolve(secret))).as(secret).isEqualTo("rw-------");
		}
	}

	@Test
	void anExistingOpenFolderIsMadeOwnerOnly() throws IOException {
		assumePosix();
		Path dir = Files.createDirectory(this.temp.resolve("certs"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.writeString(dir.resolve("README.md"), "kept");
		try (TlsStore store = TlsStore.open(dir, CrashPoint.NONE)) {
			store.write(set("A"));
		}
		assertThat(permissions(dir)).isEqualTo("rwx------");
		assertThat(dir.resolve("README.md")).hasContent("kept");
	}

	@Test
	void aWrittenSetIsReadBackAndReachableByItsFileNames() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir, CrashPoint.NONE)) {
			assertThat(store.read()).isEmpty();
			store.write(set("A"));
			assertThat(contents(store.read())).isEqualTo(strings(set("A")));
			if (store.usesSymlinks()) {
				for (String name : TlsStore.FILES) {
					assertThat(dir.resolve(name)).hasContent("A " + name);
				}
			}
		}
	}

	@Test
	void aNewSetReplacesTheOldOneAndTheOldGenerationIsRemoved() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir, CrashPoint.NONE)) {
			store.write(set("A"));
			store.write(set("B"));
			assertThat(contents(store.read())).isEqualTo(strings(set("B")));
		}
		try (Stream<Path> generations = Files.list(dir.resolve("generations"))) {
			assertThat(generations).hasSize(1);
		}
	}

	@ParameterizedTest(name = "symbolic links: {0}")
	@ValueSource(booleans = { true, false })
	void aCrashAtAnyStepOfAWriteLeavesTheOldOrTheNewCompleteSet(boolean symlinks) throws IOException {
		List<String> steps = new ArrayList<>();
		try (TlsStore store = TlsStore.open(this.temp.resolve("count"), steps::add, symlinks)) {
			store.write(set("A"));
			steps.clear();
			store.write(set("B"));
		}
		assertThat(steps).hasSizeGreaterThan(TlsStore.FILES.size());
		int swap = indexOf(steps, "pointed to");
		assertThat(swap).isGreaterThan(indexOf(steps, "wrote " + TlsStore.STATE));
		for (int crashAt = 0; crashAt < steps.size(); crashAt++) {
			Path dir = this.temp.resolve("crash-" + crashAt + "-" + symlinks);
			try (TlsStore store = TlsStore.open(dir, CrashPoint.NONE, symlinks)) {
				store.write(set("A"));
			}
			AtomicInteger reached = new AtomicInteger();
			int target = crashAt;
			TlsStore crashing = TlsStore.open(dir, (step) -> {
				if (reached.getAndIncrement() == target) {
					throw new SimulatedCrash(step);
				}
			}, symlinks);
			try {
				crashing.write(set("B"));
				fail("no crash at step " + crashAt);
			}
			catch (SimulatedCrash crash) {
				// The process "dies" here: nothing is cleaned up.
			}
			finally {
				crashing.close();
			}
			String step = steps.get(crashAt);
			try (TlsStore restarted = TlsStore.open(dir, CrashPoint.NONE, symlinks)) {
				// Before the pointer's rename the old set is whole and current; from it
				// on,
				// the new one.
				Map<String, byte[]> expected = (crashAt < swap) ? set("A") : set("B");
				assertThat(contents(restarted.read())).as("after a crash once '%s'", step).isEqualTo(strings(expected));
				try (Stream<Path> generations = Files.list(dir.resolve("generations"))) {
					assertThat(generations).as("leftovers swept after '%s'", step).hasSize(1);
				}
				restarted.write(set("C"));
				assertThat(contents(restarted.read())).isEqualTo(strings(set("C")));
			}
		}
	}

	@Test
	void aFailedWriteLeavesTheOldSet() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir, CrashPoint.NONE)) {
			store.write(set("A"));
		}
		try (TlsStore store = TlsStore.open(dir, (step) -> {
			if (step.startsWith("staged pointer")) {
				throw new IOException("disk full");
			}
		})) {
			try {
				store.write(set("B"));
				fail("the write should have failed");
			}
			catch (IOException expected) {
				assertThat(contents(store.read())).isEqualTo(strings(set("A")));
			}
		}
	}

	@Test
	void aSecondStoreOnTheSameFolderIsRefused() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir, CrashPoint.NONE)) {
			assertThatIllegalStateException().isThrownBy(() -> TlsStore.open(dir, CrashPoint.NONE))
				.withMessageContaining("Another emulator is using the TLS folder");
		}
		TlsStore.open(dir, CrashPoint.NONE).close();
	}

	@Test
	void snapshotsAreSavedListedReadAndDeleted() throws IOException {
		try (TlsStore store = TlsStore.open(this.temp.resolve("certs"), CrashPoint.NONE)) {
			store.write(set("A"));
			store.writeSnapshot("before-upgrade", set("A"));
			store.writeSnapshot("second.one", set("B"));
			store.writeSnapshot("second.one", set("C"));

			assertThat(store.snapshotNames()).containsExactly("before-upgrade", "second.one");
			assertThat(contents(store.readSnapshot("before-upgrade"))).isEqualTo(strings(set("A")));
			assertThat(contents(store.readSnapshot("second.one"))).isEqualTo(strings(set("C")));
			assertThat(store.readSnapshot("unknown")).isEmpty();

			assertThat(store.deleteSnapshot("before-upgrade")).isTrue();
			assertThat(store.deleteSnapshot("before-upgrade")).isFalse();
			assertThat(store.snapshotNames()).containsExactly("second.one");
			assertThat(contents(store.read())).isEqualTo(strings(set("A")));
		}
	}

	@Test
	void aSnapshotInterruptedBeforeItsPointerDoesNotExist() throws IOException {
		Path dir = this.temp.resolve("certs");
		TlsStore crashing = TlsStore.open(dir, (step) -> {
			if (step.startsWith("staged pointer")) {
				throw new SimulatedCrash(step);
			}
		});
		try {
			crashing.writeSnapshot("half", set("A"));
			fail("no crash");
		}
		catch (SimulatedCrash expected) {
			// The snapshot was never pointed to.
		}
		finally {
			crashing.close();
		}
		try (TlsStore store = TlsStore.open(dir, CrashPoint.NONE)) {
			assertThat(store.snapshotNames()).isEmpty();
			assertThat(store.readSnapshot("half")).isEmpty();
		}
	}

	@Test
	void snapshotNamesAreSafeFileNames() {
		assertThat(List.of("a", "before-upgrade", "v1.2_3", "A".repeat(64))).allMatch(TlsStore::isSnapshotName);
		assertThat(Stream.of("", ".", "..", "../x", "a/b", ".hidden", "-x", "a b", "A".repeat(65), null))
			.noneMatch(TlsStore::isSnapshotName);
	}

	/**
	 * A child JVM rotates the client certificate as fast as it can and is killed with
	 * SIGKILL after a few rotations, at whatever step it is then; the next start must
	 * find a complete, consistent set every time.
	 */
	@Test
	void killingTheEmulatorDuringRotationsLeavesAConsistentSet() throws Exception {
		Path dir = this.temp.resolve("certs");
		int persistedRotations = 0;
		for (int kill = 0; kill < 3; kill++) {
			int rotations = runChildAndKill(dir, 3 + 2 * kill);
			try (TlsCertificates restarted = TlsCrashChild.open(dir)) {
				TlsGeneration generation = restarted.current();
				generation.checkWhole();
				assertThat(generation.retiredClientSerials())
					.doesNotContain(generation.client().certificate().getSerialNumber());
				// The kill came after `rotations` completed rotations, perhaps during
				// one more.
				assertThat(generation.retiredClientSerials().size()).isBetween(persistedRotations + rotations,
						persistedRotations + rotations + 1);
				persistedRotations = generation.retiredClientSerials().size();
				restarted.checkClientCertificate(generation.client().certificate());
			}
			try (Stream<Path> generations = Files.list(dir.resolve("generations"))) {
				assertThat(generations).hasSize(1);
			}
		}
	}

	private static int runChildAndKill(Path dir, int rotationsBeforeKill) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				TlsCrashChild.class.getName(), dir.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		int rotations = 0;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (rotations < rotationsBeforeKill && (line = lines.readLine()) != null) {
				if (line.startsWith("rotated")) {
					rotations++;
				}
			}
			child.destroyForcibly();
			child.waitFor();
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(rotations).as("rotations before the child ended").isEqualTo(rotationsBeforeKill);
		return rotations;
	}

	private static int indexOf(List<String> steps, String prefix) {
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i).startsWith(prefix)) {
				return i;
			}
		}
		throw new AssertionError("no step " + prefix + " in " + steps);
	}

	private static void assumePosix() {
		assumeThat(Path.of(".").getFileSystem().supportedFileAttributeViews()).contains("posix");
	}

	private static Path generationFolder(Path dir) throws IOException {
		try (Stream<Path> generations = Files.list(dir.resolve("generations"))) {
			return generations.findFirst().orElseThrow();
		}
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static Map<String, byte[]> set(String version) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (String name : TlsStore.FILES) {
			files.put(name, (version + " " + name).getBytes(StandardCharsets.UTF_8));
		}
		return files;
	}

	private static Map<String, String> contents(Optional<Map<String, byte[]>> files) {
		assertThat(files).isPresent();
		return strings(files.get());
	}

	private static Map<String, String> strings(Map<String, byte[]> files) {
		Map<String, String> strings = new LinkedHashMap<>();
		files.forEach((name, bytes) -> strings.put(name, new String(bytes, StandardCharsets.UTF_8)));
		return strings;
	}

	/** Stands for the process dying at a step: nothing catches it on the way out. */
	static final class SimulatedCrash extends RuntimeException {

		SimulatedCrash(String step) {
			super("simulated crash after " + step, null, false, false);
		}

	}

	/**
	 * The child JVM of {@link #killingTheEmulatorDuringRotationsLeavesAConsistentSet()}:
	 * opens the folder and rotates until killed, printing a line after each rotation.
	 */
	static final class TlsCrashChild {

		private TlsCrashChild() {
		}

		public static void main(String[] args) throws IOException {
			try (TlsCertificates certificates = open(Path.of(args[0]))) {
				for (int i = 1;; i++) {
					certificates.rotateClient();
					System.out.println("rotated " + i);
					System.out.flush();
				}
			}
		}

		static TlsCertificates open(Path dir) throws IOException {
			LocalNames names = new LocalNames(List.of("localhost"), List.of(InetAddress.getLoopbackAddress()));
			return new TlsCertificates(TlsStore.open(dir, CrashPoint.NONE),
					new BouncyCastleCertificateAuthority(new SecureRandom()), Clock.systemUTC(), KeyType.EC_P256,
					Duration.ofDays(30), () -> names);
		}

	}

}
