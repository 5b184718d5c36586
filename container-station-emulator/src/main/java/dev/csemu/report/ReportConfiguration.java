package dev.csemu.report;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The report's one bean of its own: the recent log lines, kept from the start on.
 */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

	/** How many recent log lines the report holds. */
	private static final int LOG_LINES = 1000;

	@Bean
	RecentLogLines recentLogLines() {
		return new RecentLogLines(LOG_LINES);
	}

}
