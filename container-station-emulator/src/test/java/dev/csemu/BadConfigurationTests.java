package dev.csemu;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An impossible setting stops the start with Spring Boot's short failure report naming
 * the property and the rule, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"emulator.host.sample-interval=5ms | emulator.host.sample-interval must be at least 10ms",
			"emulator.host.fixture.used-ports.udp=0 | emulator.host.fixture.used-ports.udp must be from 1 to 65535",
			"emulator.session.max-per-user=0 | emulator.session.max-per-user must be at least 1",
			"emulator.docker.tls-port=70000 | emulator.docker.tls-port must be from 0 to 65535",
			"emulator.control.journal-size=0 | emulator.control.journal-size must be at least 1" })
	void anImpossibleSettingStopsTheStartWithAShortReport(String setting, String reason, @TempDir Path dir,
			CapturedOutput output) {
		String name = setting.substring(0, setting.indexOf('=') + 1);
		Stream<String> others = Stream
			.of("server.port=0", "emulator.tls.dir=" + dir.resolve("certs"), "emulator.docker.tls-port=0",
					"emulator.control.token-file=" + dir.resolve("control-token"))
			.filter((other) -> !other.startsWith(name));
		String[] arguments = Stream.concat(others, Stream.of(setting))
			.map((argument) -> "--" + argument)
			.toArray(String[]::new);

		assertThatException().isThrownBy(
				() -> new SpringApplicationBuilder(ContainerStationEmulatorApplication.class).run(arguments).close());

		String report = output.getOut().substring(output.getOut().lastIndexOf("APPLICATION FAILED TO START"));
		assertThat(report).contains("Reason: java.lang.IllegalArgumentException: " + reason)
			.contains("Update your application's configuration")
			.doesNotContain("\tat ");
	}

}
