package dev.csemu.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the {@code cert.zip} that {@code GET /tls/export} answers.
 */
public final class CertZip {

	private CertZip() {
	}

	/**
	 * The archive's entries, in archive order.
	 * @param zip the archive
	 * @return each entry's text (PEM is ASCII) by name
	 */
	public static Map<String, String> entries(byte[] zip) {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

}
