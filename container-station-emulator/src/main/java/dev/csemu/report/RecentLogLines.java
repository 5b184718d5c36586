package dev.csemu.report;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The emulator's most recent log lines (the last thousand, for the report), kept from the
 * start on in memory by a small appender on Logback's root logger: a bounded ring, oldest
 * lines dropped first. Stack traces are reduced to their exception's class and message.
 */
@Component
final class RecentLogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private static final int MAX_LINE_LENGTH = 2000;

	/**
	 * A secret as it would appear in a logged request: a query or form field, a cookie or
	 * a bearer token. A second line of defence: nothing should log requests.
	 */
	private static final Pattern SECRET = Pattern.compile(
			"(?i)((?:password|passwd|pwd|plain_pwd|sid|authsid|security_code|token|cs_sess_id)\\s*[=:]\\s*\"?|bearer\\s+)[^&\\s\"\\],;]+");

	private final int capacity;

	private final Deque<String> lines;

	private final Logger root;

	@Autowired
	RecentLogLines() {
		this(1000);
	}

	/**
	 * Starts keeping the root logger's lines.
	 * @param capacity how many lines to keep
	 */
	RecentLogLines(int capacity) {
		this.capacity = capacity;
		this.lines = new ArrayDeque<>(capacity);
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			setContext(context);
			setName("emulator-recent-lines");
			start();
			this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			this.root.addAppender(this);
		}
		else {
			this.root = null;
		}
	}

	/**
	 * The kept lines, oldest first.
	 * @return the lines, each ending in a newline; a note when logging is not Logback
	 */
	String text() {
		if (this.root == null) {
			return "(recent log lines are kept only when logging through Logback)\n";
		}
		StringBuilder text = new StringBuilder();
		synchronized (this.lines) {
			this.lines.forEach((line) -> text.append(line).append('\n'));
		}
		return text.toString();
	}

	/** Stops keeping lines. */
	@Override
	public void close() {
		if (this.root != null) {
			this.root.detachAppender(this);
			stop();
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		String line = format(event);
		String kept = (line.length() > MAX_LINE_LENGTH) ? line.substring(0, MAX_LINE_LENGTH) + "..." : line;
		synchronized (this.lines) {
			if (this.lines.size() == this.capacity) {
				this.lines.removeFirst();
			}
			this.lines.addLast(kept);
		}
	}

	private static String format(ILoggingEvent event) {
		StringBuilder line = new StringBuilder(Instant.ofEpochMilli(event.getTimeStamp()) + " " + event.getLevel()
				+ " [" + event.getThreadName() + "] " + event.getLoggerName() + " : " + event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
		}
		return SECRET.matcher(line.toString().replace('\n', ' ').replace('\r', ' ')).replaceAll("$1***");
	}

}
