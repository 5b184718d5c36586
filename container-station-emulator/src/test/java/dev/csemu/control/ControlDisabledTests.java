package dev.csemu.control;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code emulator.control.enabled: false} removes the control API entirely.
 */
@SpringBootTest(properties = { "emulator.control.enabled=false", "emulator.control.token=unused" })
@AutoConfigureMockMvc
class ControlDisabledTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApplicationContext context;

	@Test
	void controlRoutesAreGoneButHealthStays() {
		assertThat(this.mvc.get().uri("/_emulator/clock").header("Authorization", "Bearer unused")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.error.code")
			.isEqualTo(404);
		assertThat(this.mvc.get().uri("/_emulator/actuator/prometheus").header("Authorization", "Bearer unused"))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/_emulator/ui/")).hasStatus(404);
		assertThat(this.mvc.get().uri("/_emulator/ui/app.js")).hasStatus(404);
		assertThat(this.mvc.get().uri("/_emulator/health")).hasStatusOk();
		assertThat(this.context.getBeanNamesForType(FaultRegistry.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(Journal.class)).isEmpty();
	}

}
