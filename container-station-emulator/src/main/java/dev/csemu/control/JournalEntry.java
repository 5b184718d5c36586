package dev.csemu.control;

import java.time.Instant;
import java.util.Map;

/**
 * One request as the journal keeps it, secrets redacted.
 *
 * @param time when the request arrived, on the emulator's clock
 * @param method the HTTP method
 * @param path the request path
 * @param query the query string, secrets redacted, or null
 * @param headers the request headers, cookies and credentials redacted
 * @param body the request body (JSON or form, secrets redacted; at most 2 KiB), or null
 * @param status the answer's status; 0 when the connection was dropped
 * @param durationMs the time spent answering, in milliseconds
 * @param user the signed-in user, or null
 * @param scope the {@code X-Emulator-Scope} header, or null
 * @param fault the id of the fault applied, or null
 */
record JournalEntry(Instant time, String method, String path, String query, Map<String, String> headers, String body,
		int status, double durationMs, String user, String scope, String fault) {

}
