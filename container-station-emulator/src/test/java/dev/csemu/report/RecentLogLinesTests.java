package dev.csemu.report;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded in-memory ring of recent log lines.
 */
class RecentLogLinesTests {

	private static final Logger logger = LoggerFactory.getLogger(RecentLogLinesTests.class);

	@Test
	void onlyTheMostRecentLinesAreKeptOldestFirst() {
		try (RecentLogLines recent = new RecentLogLines(2)) {
			logger.info("first");
			logger.info("second");
			logger.warn("third");
			assertThat(recent.text()).doesNotContain("first")
				.contains("INFO", "second")
				.contains("WARN", "third")
				.containsSubsequence("second", "third")
				.contains(RecentLogLinesTests.class.getName());
		}
	}

	@Test
	void theDashboardLinksTokenNeverReachesTheReport() {
		try (RecentLogLines recent = new RecentLogLines(5)) {
			logger.info("Dashboard: http://localhost:8080/_emulator/ui/#token=s3cret-Token_value and more");
			assertThat(recent.text()).doesNotContain("s3cret").contains("/_emulator/ui/#token=*** and more");
		}
	}

	@Test
	void exceptionsAreReducedToTheirClassAndMessage() {
		try (RecentLogLines recent = new RecentLogLines(5)) {
			logger.error("failed", new IllegalStateException("outer", new IllegalArgumentException("inner")));
			assertThat(recent.text()).contains("java.lang.IllegalStateException: outer")
				.contains("java.lang.IllegalArgumentException: inner")
				.doesNotContain("\tat ")
				.hasLineCount(1);
		}
	}

	@Test
	void secretsInALoggedRequestAreMasked() {
		try (RecentLogLines recent = new RecentLogLines(10)) {
			LoggerFactory.getLogger("test").info("target [/cgi-bin/authLogin.cgi?user=admin&pwd=hunter2&sid=abc123 ]");
			LoggerFactory.getLogger("test").info("Cookie: CS_SESS_ID=cookie1; Authorization: Bearer tok3n");
			assertThat(recent.text()).contains("user=admin", "pwd=***", "sid=***")
				.doesNotContain("hunter2", "abc123", "cookie1", "tok3n");
		}
	}

	@Test
	void closingStopsKeepingLines() {
		RecentLogLines recent = new RecentLogLines(5);
		recent.close();
		logger.info("after");
		assertThat(recent.text()).doesNotContain("after");
	}

}
