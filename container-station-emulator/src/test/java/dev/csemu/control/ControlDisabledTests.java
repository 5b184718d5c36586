package dev.csemu.control;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code emulator.control.enabled: false} removes the control API entirely, however its
 * path is spelled.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "emulator.control.enabled=false", "emulator.control.token=unused" })
class ControlDisabledTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void controlRoutesAreGoneButHealthStays() {
		for (String path : new String[] { "/_emulator/clock", "/_emulator/metrics", "/_emulator/info",
				"/_emulator/requests", "/_emulator/ui/", "/_emulator/ui/app.js" }) {
			raw().header("Authorization", "Bearer unused")
				.get(path)
				.then()
				.statusCode(404)
				.body("error.code", equalTo(404));
		}
		raw().get("/_emulator/health").then().statusCode(200);
		assertThat(this.context.getBeanNamesForType(TrafficFilter.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TrafficController.class)).isEmpty();
	}

	@Test
	void encodedControlPathsAreRefusedNotServed() {
		for (String path : new String[] { "/%5Femulator/info", "/_%65mulator/metrics", "/_emulator/%69nfo",
				"/_emulator/clock;x=1", "/_emulator//clock", "/_emulator/./clock", "/_emulator/health/../clock" }) {
			int status = raw().header("Authorization", "Bearer unused").get(path).then().extract().statusCode();
			assertThat(status).as(path).isIn(400, 404);
		}
	}

	private RequestSpecification raw() {
		return RestAssured.given().port(this.port).urlEncodingEnabled(false);
	}

}
