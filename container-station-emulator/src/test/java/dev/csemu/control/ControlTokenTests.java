package dev.csemu.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import dev.csemu.control.ControlConfiguration.ControlToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ControlTokenTests {

	@Test
	void generatedTokenIsWrittenOwnerOnlyAndOpensTheApi(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("control-token");
		ControlToken token = ControlToken.of(new ControlProperties(true, null, file, 10), new SecureRandom());
		String written = Files.readString(file).trim();
		assertThat(written).hasSizeGreaterThanOrEqualTo(43);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(token.matches("Bearer " + written)).isTrue();
		assertThat(token.matches("bearer " + written)).isTrue();
		assertThat(token.matches("Bearer " + written + "x")).isFalse();
		assertThat(token.matches(written)).isFalse();
		assertThat(token.matches(null)).isFalse();
	}

	@Test
	void configuredTokenIsUsedAndNoFileWritten(@TempDir Path dir) {
		Path file = dir.resolve("control-token");
		ControlToken token = ControlToken.of(new ControlProperties(true, "chosen", file, 10), new SecureRandom());
		assertThat(token.matches("Bearer chosen")).isTrue();
		assertThat(file).doesNotExist();
	}

}
