package dev.csemu.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small client of the emulator's control API ({@code /_emulator}): the clock, faults,
 * the request journal, reset and snapshots. It needs nothing but the JDK, so it can steer
 * any running emulator (a process, a container) from any test framework.
 */
public final class EmulatorControl {

	private final URI base;

	private final String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * A client of the control API of an emulator.
	 * @param baseUrl the emulator's base URL, such as {@code http://127.0.0.1:8080}
	 * @param token the control token ({@code emulator.control.token})
	 */
	public EmulatorControl(URI baseUrl, String token) {
		this.base = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/_emulator");
		this.token = token;
	}

	/**
	 * The emulator's current time.
	 * @return the instant
	 */
	public Instant now() {
		return Instant.parse((String) send("GET", "/clock", null).get("now"));
	}

	/**
	 * Moves the clock to an instant; it keeps running from there unless frozen.
	 * @param now the instant
	 */
	public void setClock(Instant now) {
		send("PUT", "/clock", Map.of("now", now.toString()));
	}

	/**
	 * Moves the clock forward.
	 * @param amount how far, such as {@code Duration.ofDays(1060)}
	 */
	public void advanceClock(Duration amount) {
		send("PUT", "/clock", Map.of("advance", amount.toString()));
	}

	/**
	 * Stops or restarts the clock.
	 * @param frozen true to stop it
	 */
	public void freezeClock(boolean frozen) {
		send("PUT", "/clock", Map.of("frozen", frozen));
	}

	/** Sends the clock back to real time. */
	public void systemClock() {
		send("PUT", "/clock", Map.of("system", true));
	}

	/**
	 * Adds a fault.
	 * @param fault what to match and what to do
	 * @return the fault's id
	 */
	public String addFault(Fault fault) {
		return (String) send("POST", "/faults", fault.body()).get("id");
	}

	/**
	 * Removes a fault.
	 * @param id the fault's id
	 */
	public void removeFault(String id) {
		send("DELETE", "/faults/" + encode(id), null);
	}

	/** Removes every fault. */
	public void clearFaults() {
		send("DELETE", "/faults", null);
	}

	/**
	 * The journal, newest first.
	 * @return every recorded request
	 */
	public List<RecordedRequest> requests() {
		return requests(null, null);
	}

	/**
	 * The journal's entries for a method and a route, newest first.
	 * @param method the HTTP method, or null for any
	 * @param path the route below the API base ({@code /login}) or a pattern, or null
	 * @return the recorded requests
	 */
	public List<RecordedRequest> requests(String method, String path) {
		List<?> list = (List<?>) Json.parse(call("GET", "/requests" + query(method, path), null));
		List<RecordedRequest> requests = new ArrayList<>(list.size());
		for (Object entry : list) {
			requests.add(RecordedRequest.of((Map<?, ?>) entry));
		}
		return requests;
	}

	/**
	 * How many journal entries match.
	 * @param method the HTTP method, or null for any
	 * @param path the route or pattern, or null
	 * @return the count
	 */
	public int requestCount(String method, String path) {
		return ((Number) send("GET", "/requests/count" + query(method, path), null).get("count")).intValue();
	}

	/** Empties the journal. */
	public void clearRequests() {
		send("DELETE", "/requests", null);
	}

	/**
	 * Resets sessions, faults, journal, IP blocks, the clock and host overrides; TLS
	 * material is kept.
	 */
	public void reset() {
		send("POST", "/reset", Map.of("tls", false));
	}

	/** Resets everything, TLS material included (a new CA). */
	public void resetWithNewTls() {
		send("POST", "/reset", Map.of("tls", true));
	}

	/**
	 * Saves TLS material, TLS state, the clock and host overrides under a name.
	 * @param name the snapshot's name
	 */
	public void snapshot(String name) {
		send("POST", "/snapshots/" + encode(name), null);
	}

	/**
	 * Brings a snapshot back.
	 * @param name the snapshot's name
	 */
	public void restore(String name) {
		send("POST", "/snapshots/" + encode(name) + "/restore", null);
	}

	private static String query(String method, String path) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		if (method != null) {
			query.add("method=" + encode(method));
		}
		if (path != null) {
			query.add("path=" + encode(path));
		}
		return query.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Whether the emulator answers its health check.
	 * @return true when it answers {@code UP}
	 */
	public boolean isHealthy() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(this.base + "/health")).timeout(Duration.ofSeconds(5)).build(),
					BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("UP");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Map<?, ?> send(String method, String path, Object body) {
		return (Map<?, ?>) Json.parse(call(method, path, body));
	}

	private String call(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json");
		request.method(method, (body != null) ? BodyPublishers.ofString(Json.write(body)) : BodyPublishers.noBody());
		try {
			HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("Control API " + method + " " + path + " answered "
						+ response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A request the emulator received, as its journal shows it (secrets redacted).
	 *
	 * @param time when it arrived, on the emulator's clock
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the query string, or null
	 * @param headers the headers
	 * @param body the body, or null
	 * @param status the answer's status (0: dropped)
	 * @param durationMs time spent answering
	 * @param user the signed-in user, or null
	 * @param scope the {@code X-Emulator-Scope} header, or null
	 * @param fault the fault applied, or null
	 */
	public record RecordedRequest(Instant time, String method, String path, String query, Map<String, String> headers,
			String body, int status, double durationMs, String user, String scope, String fault) {

		static RecordedRequest of(Map<?, ?> json) {
			Map<String, String> headers = new LinkedHashMap<>();
			if (json.get("headers") instanceof Map<?, ?> map) {
				map.forEach((name, value) -> headers.put(String.valueOf(name), (String) value));
			}
			String time = (String) json.get("time");
			return new RecordedRequest((time != null) ? Instant.parse(time) : null, (String) json.get("method"),
					(String) json.get("path"), (String) json.get("query"), headers, (String) json.get("body"),
					number(json.get("status")).intValue(), number(json.get("durationMs")).doubleValue(),
					(String) json.get("user"), (String) json.get("scope"), (String) json.get("fault"));
		}

		private static Number number(Object value) {
			return (value instanceof Number number) ? number : 0;
		}

	}

	/**
	 * A fault to inject: which requests, and what to do to them.
	 */
	public static final class Fault {

		private final Map<String, Object> body = new LinkedHashMap<>();

		private Fault() {
		}

		/**
		 * A fault on a method and route.
		 * @param method the HTTP method, or null for any
		 * @param path the route below the API base ({@code /login}) or a pattern
		 * @return the fault, to configure further
		 */
		public static Fault on(String method, String path) {
			Fault fault = new Fault();
			if (method != null) {
				fault.body.put("method", method);
			}
			if (path != null) {
				fault.body.put("path", path);
			}
			return fault;
		}

		/**
		 * Answer the vendor's error envelope with this status.
		 * @param status the HTTP status
		 * @return this fault
		 */
		public Fault status(int status) {
			this.body.put("status", status);
			return this;
		}

		/**
		 * The error envelope's message.
		 * @param message the message
		 * @return this fault
		 */
		public Fault message(String message) {
			this.body.put("message", message);
			return this;
		}

		/**
		 * Delay the answer.
		 * @param delay how long
		 * @return this fault
		 */
		public Fault delay(Duration delay) {
			this.body.put("delayMs", delay.toMillis());
			return this;
		}

		/**
		 * Close the connection without an answer.
		 * @return this fault
		 */
		public Fault drop() {
			this.body.put("drop", true);
			return this;
		}

		/**
		 * Apply at most this many times.
		 * @param times the limit
		 * @return this fault
		 */
		public Fault times(int times) {
			this.body.put("times", times);
			return this;
		}

		/**
		 * Let this many matching calls through first.
		 * @param calls how many
		 * @return this fault
		 */
		public Fault after(int calls) {
			this.body.put("after", calls);
			return this;
		}

		/**
		 * Apply with a probability, reproducibly for a seed.
		 * @param probability between 0 and 1
		 * @param seed the random sequence's seed
		 * @return this fault
		 */
		public Fault probability(double probability, long seed) {
			this.body.put("probability", probability);
			this.body.put("seed", seed);
			return this;
		}

		/**
		 * Apply only to requests carrying {@code X-Emulator-Scope: <scope>}.
		 * @param scope the scope
		 * @return this fault
		 */
		public Fault scope(String scope) {
			this.body.put("scope", scope);
			return this;
		}

		Map<String, Object> body() {
			return this.body;
		}

	}

}
