package dev.csemu.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writing the diagnosis archive: tar + bzip2, one entry per file, a failing file replaced
 * by its error, the response stream left open.
 */
class DiagnosisReportTests {

	private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

	@Test
	void everyFileBecomesAnEntryStampedWithTheReportsTime() throws IOException {
		DiagnosisReport report = new DiagnosisReport(() -> "nas",
				List.of(ReportFile.json("a.json", () -> Map.of("k", "v"), JsonMapper.builder().build().writer()),
						ReportFile.text("b.txt", () -> "line\n")));
		ReportArchive archive = ReportArchive.open(write(report));
		assertThat(archive.files()).containsExactly(Map.entry("a.json", "{\"k\":\"v\"}"), Map.entry("b.txt", "line\n"));
		assertThat(archive.modified().get("a.json")).isEqualTo(NOW);
	}

	@Test
	void aFileThatCannotBeMadeIsReplacedByItsError() throws IOException {
		DiagnosisReport report = new DiagnosisReport(() -> "nas", List.of(new ReportFile("broken.json", () -> {
			throw new IllegalStateException("no adapters");
		}), ReportFile.text("log.txt", () -> "ok")));
		ReportArchive archive = ReportArchive.open(write(report));
		assertThat(archive.files()).containsOnlyKeys("broken.json.error.txt", "log.txt");
		assertThat(archive.files().get("broken.json.error.txt")).contains("no adapters");
	}

	@Test
	void theResponseStreamIsLeftOpen() throws IOException {
		boolean[] closed = { false };
		OutputStream response = new ByteArrayOutputStream() {

			@Override
			public void close() {
				closed[0] = true;
			}

		};
		new DiagnosisReport(() -> "nas", List.of(ReportFile.text("a.txt", () -> "a"))).writeTo(response, NOW);
		assertThat(closed[0]).isFalse();
	}

	@Test
	void theFileNameCarriesTheHostAndTheLocalTime() {
		DiagnosisReport report = new DiagnosisReport(() -> "SW8-ED-453Bm", List.of());
		assertThat(report.fileName(NOW, ZoneId.of("Asia/Taipei")))
			.isEqualTo("container-station-report-SW8-ED-453Bm-20260304-130607.tbz");
	}

	@Test
	void aHostNameIsMadeSafeForTheHeader() {
		DiagnosisReport report = new DiagnosisReport(() -> "my nas\"; x=y", List.of());
		assertThat(report.fileName(NOW, ZoneId.of("UTC")))
			.isEqualTo("container-station-report-my_nas___x_y-20260304-050607.tbz");
	}

	private static byte[] write(DiagnosisReport report) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		report.writeTo(out, NOW);
		return out.toByteArray();
	}

}
