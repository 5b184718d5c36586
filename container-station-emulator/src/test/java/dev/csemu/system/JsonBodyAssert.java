package dev.csemu.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.assertj.core.api.AbstractAssert;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions on the emulator's JSON bodies against the vendor's examples in
 * {@code src/test/resources/contract}: same fields, same order, same types, same values.
 */
public final class JsonBodyAssert extends AbstractAssert<JsonBodyAssert, String> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonBodyAssert(String body) {
		super(body, JsonBodyAssert.class);
	}

	/**
	 * Starts an assertion on a JSON body.
	 * @param body the body as received
	 * @return the assertion
	 */
	public static JsonBodyAssert assertThatJson(String body) {
		return new JsonBodyAssert(body);
	}

	/**
	 * The body is, as JSON, the vendor's example: names, order, types and values.
	 * @param name the example's file in {@code contract/}
	 * @return this
	 */
	public JsonBodyAssert isTheVendorExample(String name) {
		isNotNull();
		String expected = compact(contract(name));
		String actual = compact(this.actual);
		if (!expected.equals(actual)) {
			failWithMessage("Expected the body to be the vendor's %s:%n  %s%nbut was:%n  %s", name, expected, actual);
		}
		return this;
	}

	/**
	 * A vendor example's text.
	 * @param name the file in {@code contract/}
	 * @return the JSON text
	 */
	public static String contract(String name) {
		try (InputStream in = JsonBodyAssert.class.getResourceAsStream("/contract/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No contract/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String compact(String json) {
		return JSON.readTree(json).toString();
	}

}
