package dev.csemu.control;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.csemu.ContainerStationEmulatorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A second emulator started by mistake beside a running one, on the same TLS folder and
 * the same {@code ./control-token}: it stops with a short message and leaves the running
 * one's token alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecondInstanceTests {

	@Test
	void aSecondInstanceOnTheSameFolderLeavesTheTokenFileAloneAndSaysWhyInShort(@TempDir Path dir,
			CapturedOutput output) throws Exception {
		Path tokenFile = dir.resolve("control-token");
		try (ConfigurableApplicationContext first = start(dir, tokenFile)) {
			String token = Files.readString(tokenFile);

			assertThatException().isThrownBy(() -> start(dir, tokenFile).close());

			assertThat(tokenFile).hasContent(token);
			String failure = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
			assertThat(failure).contains("Another emulator is using the TLS folder " + dir.resolve("certs"))
				.contains("emulator.tls.dir")
				.doesNotContain("\tat ");
		}
	}

	private static ConfigurableApplicationContext start(Path dir, Path tokenFile) {
		return new SpringApplicationBuilder(ContainerStationEmulatorApplication.class).run("--server.port=0",
				"--emulator.tls.dir=" + dir.resolve("certs"), "--emulator.docker.tls-port=0",
				"--emulator.control.token-file=" + tokenFile, "--emulator.host.source=fixture");
	}

}
