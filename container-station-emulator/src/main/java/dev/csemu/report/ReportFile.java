package dev.csemu.report;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import tools.jackson.databind.ObjectWriter;

/**
 * One file of the diagnosis archive, its content made when the archive is written.
 *
 * @param name the file's name in the archive, such as {@code system.json}
 * @param content makes the file's bytes
 */
record ReportFile(String name, Supplier<byte[]> content) {

	/**
	 * A file holding a value as JSON.
	 * @param name the file's name
	 * @param value gives the value, from a feature's public API
	 * @param json the writer
	 * @return the file
	 */
	static ReportFile json(String name, Supplier<?> value, ObjectWriter json) {
		return new ReportFile(name, () -> json.writeValueAsBytes(value.get()));
	}

	/**
	 * A UTF-8 text file.
	 * @param name the file's name
	 * @param text gives the text
	 * @return the file
	 */
	static ReportFile text(String name, Supplier<String> text) {
		return new ReportFile(name, () -> text.get().getBytes(StandardCharsets.UTF_8));
	}

}
