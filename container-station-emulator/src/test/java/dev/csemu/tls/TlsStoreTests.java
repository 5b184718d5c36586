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
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.csemu.tls.DomainNames.LocalNames;
import dev.csemu.tls.internal.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The TLS folder on disk: permissions, whole-state replacement, the user-facing PEM files
 * derived from the state, recovery from an interrupted write, the layout of earlier
 * versions, one emulator per folder, and kill -9 of a child JVM in the middle of
 * rotations.
 */
class TlsStoreTests {

	@TempDir
	Path temp;

	@Test
	void folderIsOwnerOnlyAndTheStateAndKeysAreOwnerOnly() throws IOException {
		assumePosix();
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir)) {
			store.write(state("A"));
		}
		assertThat(permissions(dir)).isEqualTo("rwx------");
		for (String secret : List.of(TlsStore.STATE, TlsStore.CA_KEY, TlsStore.SERVER_KEY, TlsStore.CLIENT_KEY)) {
			assertThat(permissions(dir.resolve(secret))).as(secret).isEqualTo("rw-------");
		}
		assertThat(permissions(dir.resolve(TlsStore.CLIENT_CERTIFICATE))).isEqualTo("rw-r--r--");
	}

	@Test
	void anExistingOpenFolderIsMadeOwnerOnly() throws IOException {
		assumePosix();
		Path dir = Files.createDirectory(this.temp.resolve("certs"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.writeString(dir.resolve("README.md"), "kept");
		try (TlsStore store = TlsStore.open(dir)) {
			store.write(state("A"));
		}
		assertThat(permissions(dir)).isEqualTo("rwx------");
		assertThat(dir.resolve("README.md")).hasContent("kept");
	}

	@Test
	void aWrittenStateIsReadBackAndTheUserFilesAreDerivedFromIt() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir)) {
			assertThat(store.read()).isEmpty();
			store.write(state("A"));
			store.write(state("B"));
			assertThat(store.read()).contains(state("B"));
		}
		try (TlsStore store = TlsStore.open(dir)) {
			assertThat(store.read()).contains(state("B"));
		}
		assertDerived(dir, "B");
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder(".lock",
					TlsStore.STATE, "ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem", "cert.pem", "key.pem");
		}
	}

	/**
	 * A kill between the state's rename and the PEM files leaves those stale: repaired.
	 */
	@Test
	void missingOrStaleUserFilesAreDerivedAgainAtTheNextStart() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir)) {
			store.write(state("A"));
		}
		String stale = Files.readString(dir.resolve(TlsStore.CLIENT_CERTIFICATE));
		try (TlsStore store = TlsStore.open(dir)) {
			store.write(state("B"));
		}
		Files.writeString(dir.resolve(TlsStore.CLIENT_CERTIFICATE), stale);
		Files.delete(dir.resolve(TlsStore.CLIENT_KEY));

		try (TlsStore store = TlsStore.open(dir)) {
			assertThat(store.read()).contains(state("B"));
		}
		assertDerived(dir, "B");
	}

	/** A kill before the state's rename leaves a temporary file and the old state. */
	@Test
	void anInterruptedWriteLeavesTheOldStateAndItsLeftoverIsSwept() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir)) {
			store.write(state("A"));
		}
		Path leftover = dir.resolve("." + TlsStore.STATE + ".0b9c1a7e.tmp");
		Files.writeString(leftover, "{\"format\": 1, \"ca_certif");

		try (TlsStore store = TlsStore.open(dir)) {
			assertThat(store.read()).contains(state("A"));
		}
		assertThat(leftover).doesNotExist();
		assertDerived(dir, "A");
	}

	@Test
	void aFailedWriteLeavesTheOldState() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir)) {
			store.write(state("A"));
			// The rename over the state cannot happen: a non-empty folder is in the way.
			Files.delete(dir.resolve(TlsStore.STATE));
			Files.createDirectories(dir.resolve(TlsStore.STATE).resolve("blocker"));

			assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.write(state("B")));
		}
		assertDerived(dir, "A");
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files).noneMatch((file) -> file.getFileName().toString().endsWith(".tmp"));
		}
	}

	@Test
	void aDamagedStateFileIsAnErrorNotAnEmptyFolder() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir)) {
			store.write(state("A"));
		}
		Files.writeString(dir.resolve(TlsStore.STATE), "{not json");
		try (TlsStore store = TlsStore.open(dir)) {
			assertThatExceptionOfType(IOException.class).isThrownBy(store::read).withMessageContaining("unreadable");
		}
	}

	@Test
	void aSecondStoreOnTheSameFolderIsRefused() throws IOException {
		Path dir = this.temp.resolve("certs");
		try (TlsStore store = TlsStore.open(dir)) {
			assertThatExceptionOfType(TlsFolderInUseException.class).isThrownBy(() -> TlsStore.open(dir))
				.withMessageContaining("Another emulator is using the TLS folder");
		}
		TlsStore.open(dir).close();
	}

	@Test
	void theLayoutOfEarlierVersionsIsRefusedAndLeftAsItIs() throws IOException {
		Path dir = this.temp.resolve("certs");
		Path generation = Files.createDirectories(dir.resolve("generations/g7"));
		TlsState old = state("A");
		Files.writeString(generation.resolve("ca.pem"), old.caCertificate());
		Files.writeString(generation.resolve("ca-key.pem"), old.caKey());
		Files.writeString(dir.resolve("current"), "g7\n");

		try (TlsStore store = TlsStore.open(dir)) {
			assertThatIllegalStateException().isThrownBy(store::read)
				.withMessageContaining("holds the layout of an earlier version")
				.withMessageContaining("Nothing in it was changed")
				.withMessageContaining("emulator.tls.dir");
		}
		assertThat(dir.resolve("current")).hasContent("g7\n");
		assertThat(generation.resolve("ca.pem")).hasContent(old.caCertificate());
		assertThat(generation.resolve("ca-key.pem")).hasContent(old.caKey());
		assertThat(dir.resolve(TlsStore.STATE)).doesNotExist();
		assertThat(dir.resolve(TlsStore.CA_CERTIFICATE)).doesNotExist();
	}

	/**
	 * A child JVM rotates the client certificate as fast as it can and is killed with
	 * SIGKILL at a random instant; the next start must find a complete, consistent set,
	 * with the user's PEM files matching it, every time ({@code -Drobustness.crash.kills}
	 * kills, 2 by default).
	 */
	@Test
	void killingTheEmulatorAtRandomInstantsDuringRotationsLeavesAConsistentSet() throws Exception {
		Path dir = this.temp.resolve("certs");
		Random random = new Random(Long.getLong("robustness.seed", 20_261_202L));
		int persisted = 0;
		int kills = Integer.getInteger("robustness.crash.kills", 2);
		for (int kill = 0; kill < kills; kill++) {
			int acknowledged = runChildAndKill(dir, random);
			try (TlsCertificates restarted = TlsCrashChild.open(dir)) {
				TlsGeneration generation = restarted.current();
				generation.checkWhole();
				assertThat(generation.retiredClientSerials())
					.doesNotContain(generation.client().certificate().getSerialNumber());
				// Every acknowledged rotation is kept, and at most the one in flight
				// more.
				assertThat(generation.retiredClientSerials().size()).isBetween(persisted + acknowledged,
						persisted + acknowledged + 1);
				persisted = generation.retiredClientSerials().size();
				generation.checkClient(generation.client().certificate(), Clock.systemUTC().instant());
				assertThat(dir.resolve(TlsStore.CLIENT_CERTIFICATE)).hasContent(generation.client().certificatePem());
				assertThat(dir.resolve(TlsStore.CLIENT_KEY)).hasContent(generation.client().keyPem());
			}
		}
	}

	/**
	 * Starts the child, lets it rotate, and kills it after a random time.
	 * @return how many rotations it acknowledged (that were read before the kill)
	 */
	private static int runChildAndKill(Path dir, Random random) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), TlsCrashChild.class.getName(), dir.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger rotations = new AtomicInteger();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.equals("started")) {
						started.countDown();
					}
					else if (line.startsWith("rotated")) {
						rotations.incrementAndGet();
					}
				}
			}
			catch (IOException ex) {
				// The kill closed the stream.
			}
		});
		reader.start();
		try {
			assertThat(started.await(60, TimeUnit.SECONDS)).as("the child started").isTrue();
			Thread.sleep(2 + random.nextInt(300));
			// Read before the kill: acknowledged for sure.
			int count = rotations.get();
			child.destroyForcibly();
			child.waitFor();
			return count;
		}
		finally {
			child.destroyForcibly();
			reader.join(10_000);
		}
	}

	private static void assertDerived(Path dir, String version) {
		TlsState expected = state(version);
		assertThat(dir.resolve(TlsStore.CA_CERTIFICATE)).hasContent(expected.caCertificate());
		assertThat(dir.resolve(TlsStore.CA_KEY)).hasContent(expected.caKey());
		assertThat(dir.resolve(TlsStore.SERVER_CERTIFICATE)).hasContent(expected.serverCertificate());
		assertThat(dir.resolve(TlsStore.SERVER_KEY)).hasContent(expected.serverKey());
		assertThat(dir.resolve(TlsStore.CLIENT_CERTIFICATE)).hasContent(expected.clientCertificate());
		assertThat(dir.resolve(TlsStore.CLIENT_KEY)).hasContent(expected.clientKey());
	}

	private static void assumePosix() {
		assumeThat(Path.of(".").getFileSystem().supportedFileAttributeViews()).contains("posix");
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static TlsState state(String version) {
		return new TlsState(TlsState.FORMAT, version + " ca", version + " ca key", version + " server",
				version + " server key", version + " client", version + " client key", List.of("a.example.com"), true,
				List.of("1F"));
	}

	/**
	 * The child JVM of the kill test: opens the folder and rotates until killed, printing
	 * a line after each acknowledged rotation.
	 */
	static final class TlsCrashChild {

		private TlsCrashChild() {
		}

		public static void main(String[] args) throws IOException {
			try (TlsCertificates certificates = open(Path.of(args[0]))) {
				certificates.current();
				System.out.println("started");
				System.out.flush();
				for (int i = 1;; i++) {
					certificates.rotateClient();
					System.out.println("rotated " + i);
					System.out.flush();
				}
			}
		}

		static TlsCertificates open(Path dir) throws IOException {
			LocalNames names = new LocalNames(List.of("localhost"), List.of(InetAddress.getLoopbackAddress()));
			return new TlsCertificates(dir, new SecureRandom(), Clock.systemUTC(), KeyType.EC_P256, Duration.ofDays(30),
					() -> names);
		}

	}

}
