package dev.csemu.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * A diagnosis archive opened with Commons Compress: its files' text by name, in order.
 *
 * @param files each file's text by name
 * @param modified each file's modification time by name
 * @param text every file's text together, to search for what must not be there
 */
record ReportArchive(Map<String, String> files, Map<String, Instant> modified, String text) {

	static ReportArchive open(byte[] tbz) {
		Map<String, String> files = new LinkedHashMap<>();
		Map<String, Instant> modified = new LinkedHashMap<>();
		StringBuilder all = new StringBuilder();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new BZip2CompressorInputStream(new ByteArrayInputStream(tbz)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				String text = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
				files.put(entry.getName(), text);
				modified.put(entry.getName(), entry.getLastModifiedTime().toInstant());
				all.append(text);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ReportArchive(files, modified, all.toString());
	}

}
