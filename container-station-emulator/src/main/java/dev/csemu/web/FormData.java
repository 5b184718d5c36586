package dev.csemu.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of {@code application/x-www-form-urlencoded} text: form bodies and query
 * strings.
 */
public final class FormData {

	private FormData() {
	}

	/**
	 * The fields of a form, in order; a field without {@code =} has the empty value.
	 * @param form the encoded form
	 * @return each name with its values
	 * @throws IllegalArgumentException when an escape is malformed
	 */
	public static Map<String, List<String>> parse(String form) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			fields.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
		}
		return fields;
	}

	/**
	 * The decoded name of one encoded {@code name=value} pair, or the raw name when it
	 * does not decode.
	 * @param pair an encoded pair
	 * @return the field's name
	 */
	public static String nameOf(String pair) {
		int eq = pair.indexOf('=');
		String raw = (eq < 0) ? pair : pair.substring(0, eq);
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return raw;
		}
	}

}
