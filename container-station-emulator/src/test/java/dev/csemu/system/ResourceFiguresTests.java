package dev.csemu.system;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.csemu.system.JsonBodyAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@code /system/resource} figures become the vendor's body.
 */
class ResourceFiguresTests {

	@Test
	void theVendorsFiguresGiveTheVendorsBody() {
		ResourceResponse response = new ResourceFigures(100.0, 7810, 2086, 585, 3336).toResponse();
		assertThatJson(JsonMapper.builder().build().writeValueAsString(response))
			.isTheVendorExample("system-resource-response.json");
	}

	@Test
	void percentagesAreRoundedDown() {
		ResourceResponse.MemoryUsage memory = new ResourceFigures(0, 3, 2, 1, 0).toResponse().memoryUsage();
		assertThat(memory.percent()).isEqualTo(66);
		assertThat(memory.percentBuffers()).isEqualTo(33);
		assertThat(memory.percentCached()).isZero();
	}

	@Test
	void cpuUseHasOneDecimal() {
		assertThat(new ResourceFigures(7.45, 1, 0, 0, 0).toResponse().cpuUsage()).isEqualTo("7.5");
		assertThat(new ResourceFigures(0, 1, 0, 0, 0).toResponse().cpuUsage()).isEqualTo("0.0");
		assertThat(new ResourceFigures(99.96, 1, 0, 0, 0).toResponse().cpuUsage()).isEqualTo("100.0");
	}

	@Test
	void impossibleFiguresAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ResourceFigures(100.1, 1, 0, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ResourceFigures(Double.NaN, 1, 0, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ResourceFigures(1, 0, 0, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ResourceFigures(1, 10, -1, 0, 0));
	}

	@Test
	void memoryInKibibytesIsRoundedDownToMegabytes() {
		ResourceFigures figures = ResourceFigures.of(5, new HostProbe.MemoryFigures(24684092, 24119360, 4104, 314008));
		assertThat(figures).isEqualTo(new ResourceFigures(5, 24105, 240, 4, 306));
	}

}
