package dev.csemu.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnosis archive: its files, written one after the other as tar + bzip2 straight
 * to the response, with no temporary file. A file that cannot be made is replaced by
 * {@code <name>.error.txt} saying why, so one failing part never costs the rest.
 */
final class DiagnosisReport {

	private static final Logger logger = LoggerFactory.getLogger(DiagnosisReport.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private static final int FILE_MODE = 0100644;

	private final Supplier<String> hostname;

	private final List<ReportFile> files;

	DiagnosisReport(Supplier<String> hostname, List<ReportFile> files) {
		this.hostname = hostname;
		this.files = List.copyOf(files);
	}

	/**
	 * The archive's download name:
	 * {@code container-station-report-<hostname>-<yyyyMMdd-HHmmss>.tbz}.
	 * @param now when the report is made
	 * @param zone the time zone of the stamp
	 * @return the file name, safe in a header
	 */
	String fileName(Instant now, ZoneId zone) {
		String host = this.hostname.get().replaceAll("[^A-Za-z0-9._-]", "_");
		return "container-station-report-" + host + "-" + STAMP.format(now.atZone(zone)) + ".tbz";
	}

	/**
	 * Writes the archive.
	 * @param out where to, left open
	 * @param now the files' modification time
	 * @throws IOException when the client goes away
	 */
	void writeTo(OutputStream out, Instant now) throws IOException {
		BZip2CompressorOutputStream bzip2 = new BZip2CompressorOutputStream(new KeepOpen(out),
				BZip2CompressorOutputStream.MIN_BLOCKSIZE);
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bzip2, StandardCharsets.UTF_8.name())) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			for (ReportFile file : this.files) {
				String name = file.name();
				byte[] content;
				try {
					content = file.content().get();
				}
				catch (RuntimeException ex) {
					logger.warn("Diagnosis report: could not make {}", name, ex);
					name = name + ".error.txt";
					content = ("Could not make " + file.name() + ": " + ex).getBytes(StandardCharsets.UTF_8);
				}
				TarArchiveEntry entry = new TarArchiveEntry(name);
				entry.setSize(content.length);
				entry.setMode(FILE_MODE);
				entry.setLastModifiedTime(FileTime.from(now));
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
			tar.finish();
		}
	}

	/** Lets the archive streams close without closing the response. */
	private static final class KeepOpen extends FilterOutputStream {

		KeepOpen(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
