package dev.csemu.system;

import dev.csemu.support.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.csemu.system.JsonBodyAssert.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /system} and {@code /system/resource} in the fixture source: the vendor's
 * examples, byte for byte as JSON, and figures set at run time.
 */
@FixtureEmulatorTest
class SystemEndpointsFixtureTests {

	@LocalServerPort
	int port;

	@Autowired
	HostResources resources;

	String sid;

	@BeforeEach
	void signIn() {
		this.sid = SignIn.asAdmin(this.port);
	}

	@AfterEach
	void clearOverrides() {
		this.resources.clearOverride();
	}

	@Test
	void systemIsTheVendorsExample() {
		assertThatJson(get(SignIn.API + "/system")).isTheVendorExample("system-response.json");
	}

	@Test
	void resourceIsTheVendorsExample() {
		assertThatJson(get(SignIn.API + "/system/resource")).isTheVendorExample("system-resource-response.json");
	}

	@Test
	void olderBasePathsAnswerTheVendorsExamplesToo() {
		assertThatJson(get("/containerstation/api/v1/system")).isTheVendorExample("system-response.json");
		assertThatJson(get("/api/v1/system/resource")).isTheVendorExample("system-resource-response.json");
	}

	@Test
	void overriddenFiguresAreReportedUntilCleared() {
		this.resources.override(new ResourceFigures(7.5, 1000, 250, 100, 333));
		assertThat(get(SignIn.API + "/system/resource"))
			.isEqualTo("{\"cpu_usage\":\"7.5\",\"memory_usage\":{\"buffers\":100,\"cached\":333,\"percent\":25,"
					+ "\"percent_buffers\":10,\"percent_cached\":33,\"total\":1000,\"used\":250}}");
		this.resources.clearOverride();
		assertThatJson(get(SignIn.API + "/system/resource")).isTheVendorExample("system-resource-response.json");
	}

	private String get(String path) {
		return SignIn.getJson(this.port, this.sid, path);
	}

}
