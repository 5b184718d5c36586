package dev.csemu.junit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs three client test classes as one test run: the two with the same configuration
 * share one emulator, the third gets its own, every test starts from a reset emulator,
 * and the emulators stop when the run ends.
 */
class SharedEmulatorTests {

	static final Map<String, URI> seen = new ConcurrentHashMap<>();

	@Test
	void classesWithTheSameConfigurationShareOneEmulatorUntilTheRunEnds() {
		seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(FirstClient.class), selectClass(SecondClient.class), selectClass(AliceClient.class),
					selectClass(BuiltClient.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(5).succeeded(5));

		assertThat(seen.get("first")).isEqualTo(seen.get("second")).isEqualTo(seen.get("built"));
		assertThat(seen.get("alice")).isNotEqualTo(seen.get("first"));
		for (URI emulator : seen.values()) {
			assertThat(new EmulatorControl(emulator, "any").isHealthy()).as("%s stopped", emulator).isFalse();
		}
	}

	@ContainerStationEmulatorTest
	static class FirstClient {

		@Test
		void leavesAFault(URI baseUrl, EmulatorControl control) {
			seen.put("first", baseUrl);
			control.addFault(EmulatorControl.Fault.on("GET", "/system").status(500));
			control.advanceClock(java.time.Duration.ofDays(3));
		}

		@Test
		void findsNoFaultItLeft(EmulatorControl control) {
			assertThat(control.requestCount(null, null)).isZero();
		}

	}

	@ContainerStationEmulatorTest
	static class SecondClient {

		@Test
		void startsFromAResetEmulator(URI baseUrl, EmulatorControl control) throws Exception {
			seen.put("second", baseUrl);
			assertThat(control.requestCount(null, null)).isZero();
			assertThat(SignIn.login(baseUrl, "admin", "admin").statusCode()).isEqualTo(200);
			assertThat(control.requests("POST", "/login")).extracting(EmulatorControl.RecordedRequest::status)
				.containsExactly(200);
		}

	}

	@ContainerStationEmulatorTest(users = "alice:alice-secret")
	static class AliceClient {

		@Test
		void signsInAsAConfiguredUser(URI baseUrl) throws Exception {
			seen.put("alice", baseUrl);
			assertThat(SignIn.login(baseUrl, "alice", "alice-secret").statusCode()).isEqualTo(200);
		}

	}

	/**
	 * Built with the annotation's defaults: the same configuration, the same emulator.
	 */
	static class BuiltClient {

		@RegisterExtension
		static ContainerStationEmulatorExtension emulator = ContainerStationEmulatorExtension.builder()
			.hostSource("fixture")
			.build();

		@Test
		void signsInOnTheSharedEmulator() throws Exception {
			seen.put("built", emulator.baseUrl());
			assertThat(emulator.control().requestCount(null, null)).isZero();
			assertThat(SignIn.login(emulator.baseUrl(), "admin", "admin").body()).contains("\"isAdmin\":true");
			assertThat(List.of(emulator.control().requests().get(0).path()))
				.containsExactly("/container-station/api/v1/login");
		}

	}

}
