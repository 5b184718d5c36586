package dev.csemu.system;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live probe's readings of the machine's own words.
 */
class OshiHostProbeTests {

	private static final HostProperties.Product PRODUCT = HostResourcesTests.properties(Duration.ofSeconds(1))
		.product();

	@Test
	void architecturesAreNamedAsContainerStationAndDockerNameThem() {
		assertThat(Architecture.of("amd64")).isEqualTo(new Architecture("amd64", "amd64"));
		assertThat(Architecture.of("x86_64")).isEqualTo(new Architecture("amd64", "amd64"));
		assertThat(Architecture.of("aarch64")).isEqualTo(new Architecture("arm64", "arm64"));
		assertThat(Architecture.of("arm")).isEqualTo(new Architecture("armv7l", "arm"));
		assertThat(Architecture.of("x86")).isEqualTo(new Architecture("386", "386"));
		assertThat(Architecture.of("riscv64")).isEqualTo(new Architecture("riscv64", "riscv64"));
		assertThat(Architecture.of(null).machine()).isEmpty();
	}

	@Test
	void meminfoGivesTotalFreeBuffersAndCached() {
		List<String> lines = List.of("MemTotal:       24684092 kB", "MemFree:        24119360 kB",
				"MemAvailable:   24235244 kB", "Buffers:            4104 kB", "Cached:           314008 kB",
				"SwapCached:            0 kB", "HugePages_Total:       0");
		assertThat(OshiHostProbe.meminfo(lines))
			.isEqualTo(new HostProbe.MemoryFigures(24684092, 24119360, 4104, 314008));
	}

	@Test
	void theMachinesCpuTicksOnlyGrow() {
		OshiHostProbe probe = new OshiHostProbe(HostName.detect(), PRODUCT);
		HostProbe.CpuTicks first = probe.cpuTicks();
		HostProbe.CpuTicks second = probe.cpuTicks();
		assertThat(second.total()).isGreaterThanOrEqualTo(first.total());
		assertThat(second.busy()).isGreaterThanOrEqualTo(first.busy()).isLessThanOrEqualTo(second.total());
	}

	@Test
	void theLiveHostNameIsTheOneHostNameSource() {
		assertThat(new OshiHostProbe(new HostName("nas-under-test"), PRODUCT).facts().hostname())
			.isEqualTo("nas-under-test");
	}

}
