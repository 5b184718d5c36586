package dev.csemu.support;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/**
 * Signs in as the vendor's curl examples do (JSON sent with curl's form content type) and
 * returns the {@code CS_SESS_ID} cookie, for tests of routes behind a session.
 */
public final class SignIn {

	/** The current base path. */
	public static final String API = "/container-station/api/v1";

	/** The session cookie's name. */
	public static final String COOKIE = "CS_SESS_ID";

	private SignIn() {
	}

	/**
	 * Signs in on a running emulator.
	 * @param port the emulator's HTTP port
	 * @param username the user name
	 * @param password the password
	 * @return the session cookie's value
	 */
	public static String as(int port, String username, String password) {
		return given().port(port)
			.contentType(ContentType.URLENC)
			.body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
			.post(API + "/login")
			.then()
			.statusCode(200)
			.extract()
			.cookie(COOKIE);
	}

	/**
	 * Signs in as the built-in administrator, admin/admin.
	 * @param port the emulator's HTTP port
	 * @return the session cookie's value
	 */
	public static String asAdmin(int port) {
		return as(port, "admin", "admin");
	}

	/**
	 * A signed-in GET that must answer 200 with JSON, as the vendor's read examples do.
	 * @param port the emulator's HTTP port
	 * @param sid the session cookie's value
	 * @param path the full path, such as {@code API + "/system"}
	 * @return the body
	 */
	public static String getJson(int port, String sid, String path) {
		return given().port(port)
			.cookie(COOKIE, sid)
			.get(path)
			.then()
			.statusCode(200)
			.contentType("application/json")
			.extract()
			.asString();
	}

}
