package dev.csemu.junit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the control API speaks, read into maps, lists, strings, numbers,
 * booleans and null, and written from the same. Kept here so that the extension brings no
 * JSON library onto a client's test class path, where it could clash with the client's
 * own.
 */
final class Json {

	private final String text;

	private int position;

	private Json(String text) {
		this.text = text;
	}

	static Object parse(String text) {
		Json json = new Json(text);
		Object value = json.value();
		json.skipWhitespace();
		if (json.position != text.length()) {
			throw json.error("Unexpected content after the value");
		}
		return value;
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private static void write(Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String string) {
			writeString(string, out);
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			String separator = "";
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(separator);
				writeString(String.valueOf(entry.getKey()), out);
				out.append(':');
				write(entry.getValue(), out);
				separator = ",";
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			String separator = "";
			for (Object item : list) {
				out.append(separator);
				write(item, out);
				separator = ",";
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
		}
	}

	private static void writeString(String string, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private Object value() {
		skipWhitespace();
		if (this.position >= this.text.length()) {
			throw error("Unexpected end");
		}
		char c = this.text.charAt(this.position);
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object() {
		Map<String, Object> map = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (accept('}')) {
			return map;
		}
		do {
			skipWhitespace();
			if (!peek('"')) {
				throw error("Expected a member name");
			}
			String name = string();
			skipWhitespace();
			expect(':');
			map.put(name, value());
			skipWhitespace();
		}
		while (accept(','));
		expect('}');
		return map;
	}

	private List<Object> array() {
		List<Object> list = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (accept(']')) {
			return list;
		}
		do {
			list.add(value());
			skipWhitespace();
		}
		while (accept(','));
		expect(']');
		return list;
	}

	private String string() {
		this.position++;
		StringBuilder out = new StringBuilder();
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			if (this.position >= this.text.length()) {
				break;
			}
			char escaped = this.text.charAt(this.position++);
			switch (escaped) {
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> {
					if (this.position + 4 > this.text.length()) {
						throw error("Truncated \\u escape");
					}
					out.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
					this.position += 4;
				}
				default -> out.append(escaped);
			}
		}
		throw error("Unterminated string");
	}

	private Number number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		String number = this.text.substring(start, this.position);
		if (number.isEmpty()) {
			throw error("Unexpected character");
		}
		if (number.contains(".") || number.contains("e") || number.contains("E")) {
			return Double.parseDouble(number);
		}
		return Long.parseLong(number);
	}

	private Object literal(String literal, Object value) {
		if (!this.text.startsWith(literal, this.position)) {
			throw error("Unexpected character");
		}
		this.position += literal.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private boolean peek(char c) {
		return this.position < this.text.length() && this.text.charAt(this.position) == c;
	}

	private boolean accept(char c) {
		if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		skipWhitespace();
		if (!accept(c)) {
			throw error("Expected '" + c + "'");
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException(message + " at " + this.position + " of the control API's answer");
	}

}
