package dev.csemu.robustness;

import java.util.Set;

/**
 * One case of the bad-input corpus: a request and the 4xx it must get.
 *
 * @param category what kind of mistake it makes
 * @param name what it sends, for the test's name
 * @param request the request
 * @param raw true to send it over a plain socket (a client library would refuse or
 * normalise it), false to send it with REST Assured
 * @param expected the statuses it may get; empty for any 4xx
 */
record BadRequest(String category, String name, RawRequest request, boolean raw, Set<Integer> expected) {

	@Override
	public String toString() {
		return this.name + " [" + this.request.method() + " " + shorten(this.request.target()) + "]";
	}

	private static String shorten(String target) {
		return (target.length() <= 80) ? target : target.substring(0, 77) + "...";
	}

}
