package dev.csemu.report;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import dev.csemu.web.ContainerStationApi;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /system/report} (administrators only): the diagnosis archive, streamed to
 * the client as it is compressed.
 *
 * <p>
 * It is written on the request's own thread rather than as a
 * {@code StreamingResponseBody}: that one ends in an async dispatch, which the security
 * chain sees without the session (the session filter skips async dispatches) and answers
 * after the body is already committed.
 */
@ContainerStationApi
class ReportController {

	static final String BZIP2 = "application/x-bzip2";

	private final DiagnosisReport report;

	private final Clock clock;

	ReportController(DiagnosisReport report, Clock clock) {
		this.report = report;
		this.clock = clock;
	}

	@GetMapping("/system/report")
	void report(HttpServletResponse response) throws IOException {
		Instant now = this.clock.instant();
		ContentDisposition attachment = ContentDisposition.attachment()
			.filename(this.report.fileName(now, this.clock.getZone()))
			.build();
		response.setContentType(BZIP2);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment.toString());
		this.report.writeTo(response.getOutputStream(), now);
	}

}
