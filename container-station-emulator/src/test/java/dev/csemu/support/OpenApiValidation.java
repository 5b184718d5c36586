package dev.csemu.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Validates every response REST Assured receives against the emulated API's OpenAPI 3.1
 * document ({@link OpenApiContract}): status, Content-Type, headers and body. A response
 * that does not conform fails the request with an {@link AssertionError} naming what is
 * wrong. Requests are not validated: tests send malformed ones on purpose.
 *
 * <p>
 * Installed for the whole test suite: {@code junit-platform.properties} turns on JUnit's
 * extension auto-detection, and {@code META-INF/services} registers this class, so the
 * filter is in REST Assured's global filters before every test class and every test (so
 * also after a {@link RestAssured#reset()}). Elsewhere,
 * {@code @ExtendWith(OpenApiValidation.class)}, {@link #install()} or
 * {@code given().filter(OpenApiValidation.filter())} do the same.
 *
 * <p>
 * A test that makes the emulator answer outside its contract on purpose (a fault injected
 * through the control API) opts out for that request with
 * {@code given().noFiltersOfType(OpenApiValidation.ResponseValidationFilter.class)}.
 */
public final class OpenApiValidation implements BeforeAllCallback, BeforeEachCallback {

	private static final ResponseValidationFilter FILTER = new ResponseValidationFilter();

	/**
	 * The filter that validates each response.
	 * @return the one shared filter
	 */
	public static Filter filter() {
		return FILTER;
	}

	/**
	 * Adds the filter to REST Assured's global filters, unless it is there already.
	 */
	public static synchronized void install() {
		if (RestAssured.filters().stream().noneMatch(ResponseValidationFilter.class::isInstance)) {
			RestAssured.filters(FILTER);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		install();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// Again before each test: a test may have called RestAssured.reset().
		install();
	}

	/**
	 * What does not conform in a received response.
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param response the response
	 * @return the problems, empty when it conforms
	 */
	static List<String> problems(String method, String uri, Response response) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (Header header : response.getHeaders()) {
			headers.computeIfAbsent(header.getName(), (name) -> new ArrayList<>()).add(header.getValue());
		}
		return OpenApiContract.get()
			.check(new OpenApiContract.Observed(method, rawPath(uri), response.getStatusCode(),
					response.getContentType(), headers, response.asByteArray()));
	}

	/**
	 * The raw path of a URI, without scheme, authority, query or fragment; tolerant of
	 * what {@link java.net.URI} would refuse (tests send malformed paths on purpose).
	 * @param uri an absolute URI or a path
	 * @return its path
	 */
	static String rawPath(String uri) {
		int scheme = uri.indexOf("://");
		int start = (scheme < 0) ? 0 : uri.indexOf('/', scheme + 3);
		if (start < 0) {
			return "/";
		}
		int end = uri.length();
		for (char delimiter : new char[] { '?', '#' }) {
			int at = uri.indexOf(delimiter, start);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		return uri.substring(start, end);
	}

	/**
	 * The REST Assured filter: passes the request on, then checks the response.
	 */
	public static final class ResponseValidationFilter implements Filter {

		/** Marks an answer shaped by a fault injected through the control API. */
		private static final String FAULT_HEADER = "X-Emulator-Fault";

		private ResponseValidationFilter() {
		}

		@Override
		public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
				FilterContext ctx) {
			Response response = ctx.next(requestSpec, responseSpec);
			if (response.getHeader(FAULT_HEADER) != null) {
				// An answer a test asked the emulator to fake: it is not the API's to
				// document.
				return response;
			}
			List<String> problems = problems(requestSpec.getMethod(), requestSpec.getURI(), response);
			if (!problems.isEmpty()) {
				String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
				if (body.length() > 500) {
					body = body.substring(0, 500) + "...";
				}
				throw new AssertionError("Response does not conform to " + OpenApiContract.RESOURCE + ": "
						+ requestSpec.getMethod() + " " + requestSpec.getURI() + " -> " + response.getStatusLine()
						+ "\n  - " + String.join("\n  - ", problems) + "\n  body: " + body);
			}
			return response;
		}

	}

}
