package dev.csemu.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * A request to the control API, as a test steering the emulator sends it.
 */
public final class ControlRequest {

	private ControlRequest() {
	}

	/**
	 * A JSON request with the control API's bearer token.
	 * @param port the emulator's HTTP port
	 * @param token the control token
	 * @return the request, ready for a path
	 */
	public static RequestSpecification to(int port, String token) {
		return given().port(port).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
	}

}
