package dev.csemu.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.csemu.network.BridgeResponse.Adapter;
import dev.csemu.network.NetworkProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding and validating {@code emulator.host.*}.
 */
class HostPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void defaultsAreLiveEverySecondWithTheVendorsProductFacts() {
		this.runner.run((context) -> {
			HostProperties properties = context.getBean(HostProperties.class);
			assertThat(properties.source()).isEqualTo(HostProperties.Source.LIVE);
			assertThat(properties.sampleInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.product().features()).containsExactly("", "net_bridge", "lxd");
			assertThat(properties.product().gpu().device()).isEmpty();
			assertThat(properties.product().migrationDmStatus()).isEmpty();
			assertThat(properties.product().version().qpkgBuildDate()).isEqualTo("2021/07/06");
		});
	}

	@Test
	void fixtureDefaultsAreTheVendorsExamples() {
		this.runner.run((context) -> {
			HostProperties.Fixture fixture = context.getBean(HostProperties.class).fixture();
			NetworkProperties network = context.getBean(NetworkProperties.class);
			assertThat(fixture.hostname()).isEqualTo("SW8-ED-453Bm");
			assertThat(fixture.memoryUsage()).isEqualTo(new HostProperties.MemoryUsage(7810, 2086, 585, 3336));
			assertThat(network.usedPorts().tcp()).containsExactly(5000);
			assertThat(network.usedPorts().udp()).isEmpty();
			assertThat(network.bridge().adapters()).extracting(Adapter::name).containsExactly("eth0", "eth1");
			assertThat(network.bridge().defaultAdapter()).isEqualTo(1);
		});
	}

	@Test
	void everyFixtureValueCanBeOverridden() {
		this.runner
			.withPropertyValues("emulator.host.source=fixture", "emulator.host.fixture.hostname=lab-nas",
					"emulator.host.fixture.used-ports.tcp=22,443", "emulator.host.fixture.used-ports.udp=53",
					"emulator.host.fixture.bridge.adapters[0].name=br0",
					"emulator.host.fixture.bridge.adapters[0].ip=10.0.0.2",
					"emulator.host.fixture.bridge.adapters[0].netmask=255.0.0.0",
					"emulator.host.fixture.bridge.default-adapter=0", "emulator.host.product.features=lxd")
			.run((context) -> {
				HostProperties properties = context.getBean(HostProperties.class);
				NetworkProperties network = context.getBean(NetworkProperties.class);
				assertThat(properties.source()).isEqualTo(HostProperties.Source.FIXTURE);
				assertThat(properties.fixture().hostname()).isEqualTo("lab-nas");
				assertThat(network.usedPorts().tcp()).containsExactly(22, 443);
				assertThat(network.usedPorts().udp()).containsExactly(53);
				assertThat(network.bridge().adapters())
					.containsExactly(new Adapter(null, "Adapter 1", "", "10.0.0.2", "br0", "255.0.0.0"));
				assertThat(properties.product().features()).isEqualTo(List.of("lxd"));
			});
	}

	@Test
	void valuesSetEmptyAreServedEmpty() {
		this.runner
			.withPropertyValues("emulator.host.product.platform=", "emulator.host.product.migration-dir=",
					"emulator.host.product.version.compose=", "emulator.host.fixture.processor=",
					"emulator.host.fixture.machine=")
			.run((context) -> {
				HostProperties properties = context.getBean(HostProperties.class);
				assertThat(properties.product().platform()).isEmpty();
				assertThat(properties.product().migrationDir()).isEmpty();
				assertThat(properties.product().version().compose()).isEmpty();
				assertThat(properties.fixture().processor()).isEmpty();
				assertThat(properties.fixture().machine()).isEmpty();
			});
	}

	@Test
	void impossibleValuesStopTheStartNamingTheProperty() {
		Map<String, String> bad = Map.of("emulator.host.source=cloud", "emulator.host.source",
				"emulator.host.sample-interval=0s", "emulator.host.sample-interval must be at least 10ms",
				"emulator.host.fixture.used-ports.tcp=70000", "emulator.host.fixture.used-ports.tcp",
				"emulator.host.fixture.cpu-usage=101", "emulator.host.fixture.cpu-usage",
				"emulator.host.fixture.memory-usage.used=9000", "emulator.host.fixture.memory-usage",
				"emulator.host.fixture.bridge.default-adapter=2", "emulator.host.fixture.bridge.default-adapter",
				"emulator.host.fixture.bridge.adapters[0].name=eth9", "emulator.host.fixture.bridge.adapters[0]");
		bad.forEach((property, named) -> this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).as(property).hasFailed();
			Throwable cause = context.getStartupFailure();
			StringBuilder messages = new StringBuilder();
			for (; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).as(property).contains(named);
		}));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ HostProperties.class, NetworkProperties.class })
	static class Config {

	}

}
