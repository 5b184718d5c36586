package dev.csemu.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a test asks for: which requests a fault hits, and what it does to them.
 *
 * @param method the HTTP method to match, or null for any
 * @param path the route to match below the API base path ({@code /login}) or a full path,
 * as a Spring path pattern ({@code /system/**}); null for any
 * @param status answer with the vendor's error envelope and this status instead of the
 * real answer
 * @param message the envelope's message (a default names the fault)
 * @param delayMs delay the answer (the real one, or the status) by this long
 * @param drop close the connection without any answer
 * @param times apply at most this many times, then stop (null: no limit)
 * @param after let this many matching calls through first
 * @param probability apply to each matching call with this probability (null: always)
 * @param seed the seed of the probability's random sequence, for reproducible runs
 * @param scope apply only to requests carrying {@code X-Emulator-Scope: <scope>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FaultSpec(String method, String path, Integer status, String message, Long delayMs, Boolean drop, Integer times,
		Integer after, Double probability, Long seed, String scope) {

}
