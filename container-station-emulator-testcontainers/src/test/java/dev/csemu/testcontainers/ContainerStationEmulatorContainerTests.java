package dev.csemu.testcontainers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.csemu.junit.EmulatorControl;
import dev.csemu.junit.EmulatorControl.Fault;
import dev.csemu.junit.EmulatorControl.RecordedRequest;
import dev.csemu.testcontainers.Api.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Testcontainers module against the emulator's image: what a client's test configures
 * reaches the container, and the control client works through the mapped port.
 */
@Tag("image")
@Testcontainers
class ContainerStationEmulatorContainerTests {

	@Container
	static final ContainerStationEmulatorContainer emulator = new ContainerStationEmulatorContainer()
		.withUser("alice", "alice-secret", false)
		.withTwoStepUser("bob", "bob-secret", "JBSWY3DPEHPK3PXP")
		.withFixtureHost()
		.withControlToken("client-tests-token");

	private Api api;

	@BeforeEach
	void reset() {
		emulator.control().reset();
		this.api = new Api(emulator.getApiUrl());
	}

	@Test
	void addedUserSignsInWithItsRoleBesideTheBuiltInAdmin() {
		Answer alice = this.api.login("alice", "alice-secret");
		assertThat(alice.status()).isEqualTo(200);
		assertThat(alice.body().path("isAdmin").asBoolean()).isFalse();
		assertThat(this.api.get("/tls/export", alice.cookie()).errorCode()).isEqualTo(403);
		Answer admin = this.api.login("admin", "admin");
		assertThat(admin.body().path("isAdmin").asBoolean()).isTrue();
		assertThat(this.api.login("alice", "wrong").errorCode()).isEqualTo(401);
	}

	@Test
	void twoStepUserIsRefusedPasswordLoginAsOnTheNas() {
		Answer bob = this.api.login("bob", "bob-secret");
		assertThat(bob.status()).isEqualTo(403);
		assertThat(bob.body().path("error").path("message").asString()).contains("2-step verification");
	}

	@Test
	void fixtureHostAnswersWithTheVendorsExampleHost() {
		Answer system = this.api.get("/system", this.api.login("alice", "alice-secret").cookie());
		assertThat(system.status()).isEqualTo(200);
		assertThat(system.text("hostname")).isEqualTo("SW8-ED-453Bm");
		assertThat(system.body().path("cpuCore").asInt()).isEqualTo(4);
	}

	@Test
	void controlClockDatesTheSignIn() {
		EmulatorControl control = emulator.control();
		control.freezeClock(true);
		control.setClock(Instant.parse("2030-01-02T03:04:05Z"));
		assertThat(control.now()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
		assertThat(this.api.login("alice", "alice-secret").text("logintime")).isEqualTo("2030-01-02 03:04:05");
	}

	@Test
	void controlFaultAnswersItsStatusUntilReset() {
		String cookie = this.api.login("alice", "alice-secret").cookie();
		emulator.control().addFault(Fault.on("GET", "/system").status(503).message("maintenance"));
		Answer faulted = this.api.get("/system", cookie);
		assertThat(faulted.status()).isEqualTo(503);
		assertThat(faulted.body().path("error").path("message").asString()).isEqualTo("maintenance");
		emulator.control().reset();
		assertThat(this.api.get("/system", this.api.login("alice", "alice-secret").cookie()).status()).isEqualTo(200);
	}

	@Test
	void journalShowsTheClientsRequestsWithoutThePassword() {
		this.api.login("alice", "alice-secret");
		this.api.login("alice", "wrong");
		List<RecordedRequest> logins = emulator.control().requests("POST", "/login");
		assertThat(logins).extracting(RecordedRequest::status).containsExactly(401, 200);
		assertThat(logins).extracting(RecordedRequest::body).noneMatch((body) -> body.contains("alice-secret"));
		assertThat(emulator.control().requestCount("POST", "/login")).isEqualTo(2);
	}

	@Test
	void controlApiRefusesAnotherToken() {
		assertThat(emulator.getControlToken()).isEqualTo("client-tests-token");
		EmulatorControl stranger = new EmulatorControl(emulator.getBaseUrl(), "another-token");
		assertThatIllegalStateException().isThrownBy(stranger::now).withMessageContaining("401");
	}

	@Test
	void apiUrlIsTheCurrentBaseOnTheMappedPort() {
		URI api = emulator.getApiUrl();
		assertThat(api.getPort()).isEqualTo(emulator.getMappedPort(ContainerStationEmulatorContainer.HTTP_PORT));
		assertThat(api.getPath()).isEqualTo("/container-station/api/v1");
	}

	@Test
	void exportedBundleLetsTheDockerCliReachTheDockerEndpoint(@TempDir Path dir) {
		Path certs = emulator.getDockerBundle().writeTo(dir.resolve("certs"));
		String version = Processes.run(List.of("docker", "version", "--format", "{{.Server.Version}}"),
				Map.of("DOCKER_HOST", emulator.getDockerHost(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
						certs.toString()));
		assertThat(version).isEqualTo("20.10.3");
	}

}
