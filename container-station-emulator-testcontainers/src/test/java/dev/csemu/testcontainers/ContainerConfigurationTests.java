package dev.csemu.testcontainers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the container's options become before anything runs: the environment variables
 * Spring Boot binds to {@code emulator.*}. Needs no Docker.
 */
class ContainerConfigurationTests {

	@Test
	void userBecomesTheVariablesOfItsProperties() {
		ContainerStationEmulatorContainer container = new ContainerStationEmulatorContainer().withUser("alice",
				"alice-secret", true);
		assertThat(container.getEnvMap()).containsEntry("EMULATOR_USERS_ALICE_PASSWORD", "alice-secret")
			.containsEntry("EMULATOR_USERS_ALICE_ADMIN", "true");
	}

	@Test
	void twoStepUserAlsoGetsItsSecret() {
		ContainerStationEmulatorContainer container = new ContainerStationEmulatorContainer().withTwoStepUser("bob",
				"bob-secret", "JBSWY3DPEHPK3PXP");
		assertThat(container.getEnvMap()).containsEntry("EMULATOR_USERS_BOB_PASSWORD", "bob-secret")
			.containsEntry("EMULATOR_USERS_BOB_ADMIN", "false")
			.containsEntry("EMULATOR_USERS_BOB_TWOSTEPSECRET", "JBSWY3DPEHPK3PXP");
	}

	@Test
	void userNameAnEnvironmentVariableCannotCarryIsRefused() {
		ContainerStationEmulatorContainer container = new ContainerStationEmulatorContainer();
		assertThatIllegalArgumentException().isThrownBy(() -> container.withUser("Alice", "secret", false))
			.withMessageContaining("SPRING_APPLICATION_JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> container.withUser("ops_user", "secret", false));
		assertThatIllegalArgumentException().isThrownBy(() -> container.withUser("ops-user", "secret", false));
	}

	@Test
	void fixtureHostSetsTheHostSource() {
		assertThat(new ContainerStationEmulatorContainer().withFixtureHost().getEnvMap())
			.containsEntry("EMULATOR_HOST_SOURCE", "fixture");
	}

	@Test
	void controlTokenIsRandomUnlessChosen() {
		ContainerStationEmulatorContainer first = new ContainerStationEmulatorContainer();
		ContainerStationEmulatorContainer second = new ContainerStationEmulatorContainer();
		assertThat(first.getControlToken()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(second.getControlToken());
		assertThat(first.getEnvMap()).containsEntry("EMULATOR_CONTROL_TOKEN", first.getControlToken());
		ContainerStationEmulatorContainer chosen = new ContainerStationEmulatorContainer().withControlToken("mine");
		assertThat(chosen.getControlToken()).isEqualTo("mine");
		assertThat(chosen.getEnvMap()).containsEntry("EMULATOR_CONTROL_TOKEN", "mine");
		assertThatIllegalArgumentException().isThrownBy(() -> chosen.withControlToken(" "));
	}

	@Test
	void bundleNeedsAnAdministratorOnceTheBuiltInOneIsChanged() {
		ContainerStationEmulatorContainer container = new ContainerStationEmulatorContainer().withUser("admin",
				"changed", false);
		assertThatIllegalStateException().isThrownBy(container::getDockerBundle).withMessageContaining("withUser");
	}

}
