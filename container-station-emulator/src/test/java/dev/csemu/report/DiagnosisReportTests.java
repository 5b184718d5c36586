package dev.csemu.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.csemu.report.DiagnosisReport.ReportFile;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writing the diagnosis archive: tar + bzip2, one entry per file, a failing file replaced
 * by its error, the response stream left open.
 */
class DiagnosisReportTests {

	private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

	private static final Clock CLOCK = Clock.systemUTC();

	@Test
	void everyFileBecomesAnEntryStampedWithTheReportsTime() throws IOException {
		DiagnosisReport report = new DiagnosisReport(() -> "nas",
				List.of(ReportFile.json("a.json", () -> Map.of("k", "v"), JsonMapper.builder().build().writer()),
						text("b.txt", "line\n")),
				CLOCK);
		ReportArchive archive = ReportArchive.open(write(report));
		assertThat(archive.files()).containsExactly(Map.entry("a.json", "{\"k\":\"v\"}"), Map.entry("b.txt", "line\n"));
		assertThat(archive.modified().get("a.json")).isEqualTo(NOW);
	}

	@Test
	void aFileThatCannotBeMadeIsReplacedByItsError() throws IOException {
		DiagnosisReport report = new DiagnosisReport(() -> "nas", List.of(new ReportFile("broken.json", () -> {
			throw new IllegalStateException("no adapters");
		}), text("log.txt", "ok")), CLOCK);
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
		new DiagnosisReport(() -> "nas", List.of(text("a.txt", "a")), CLOCK).writeTo(response, NOW);
		assertThat(closed[0]).isFalse();
	}

	@Test
	void theFileNameCarriesTheHostAndTheLocalTime() {
		DiagnosisReport report = new DiagnosisReport(() -> "SW8-ED-453Bm", List.of(), CLOCK);
		assertThat(report.fileName(NOW, ZoneId.of("Asia/Taipei")))
			.isEqualTo("container-station-report-SW8-ED-453Bm-20260304-130607.tbz");
	}

	@Test
	void aHostNameIsMadeSafeForTheHeader() {
		DiagnosisReport report = new DiagnosisReport(() -> "my nas\"; x=y", List.of(), CLOCK);
		assertThat(report.fileName(NOW, ZoneId.of("UTC")))
			.isEqualTo("container-station-report-my_nas___x_y-20260304-050607.tbz");
	}

	private static ReportFile text(String name, String text) {
		return new ReportFile(name, () -> text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] write(DiagnosisReport report) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		report.writeTo(out, NOW);
		return out.toByteArray();
	}

}
