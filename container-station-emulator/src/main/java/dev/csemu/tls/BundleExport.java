package dev.csemu.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The client bundle, {@code cert.zip}: {@code ca.pem}, {@code cert.pem} and
 * {@code key.pem}, in that order, all from one generation, dated by the client
 * certificate.
 */
final class BundleExport {

	private BundleExport() {
	}

	static byte[] zip(TlsGeneration generation) {
		long time = generation.client().certificate().getNotBefore().getTime();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			entry(zip, "ca.pem", generation.ca().certificatePem(), time);
			entry(zip, "cert.pem", generation.client().certificatePem(), time);
			entry(zip, "key.pem", generation.client().keyPem(), time);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void entry(ZipOutputStream zip, String name, String content, long time) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(time);
		zip.putNextEntry(entry);
		zip.write(content.getBytes(StandardCharsets.US_ASCII));
		zip.closeEntry();
	}

}
