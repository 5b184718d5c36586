package dev.csemu.auth;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.csemu.web.ApiPaths;
import dev.csemu.web.BrowserRequestFilter;
import dev.csemu.web.ErrorEnvelope;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security chain of everything but the control API, and the firewall in front of
 * every chain.
 *
 * <p>
 * Sessions are the emulator's own ({@link SessionStore}, the {@code CS_SESS_ID} cookie),
 * so Spring Security keeps no HTTP session. Token CSRF protection is off: the API is
 * called by curl and scripts holding a cookie jar, which cannot fetch a token first,
 * exactly as on the real NAS. Instead the session cookie is {@code SameSite=Lax} and
 * {@link BrowserRequestFilter} refuses browser requests that name another host.
 *
 * <p>
 * Every rule matches with path patterns on the decoded path Spring MVC routes on; the
 * firewall refuses the raw paths whose decoding would change the route they reach.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Routes only administrators may call (403 for others), under every base path. A
	 * {@code GET} route covers {@code HEAD} too. Features added later inherit the rule by
	 * their route being here.
	 */
	static final List<Route> ADMIN_ROUTES = List.of(new Route(HttpMethod.POST, "/tls"),
			new Route(HttpMethod.PUT, "/tls/domain_names"), new Route(HttpMethod.GET, "/tls/export"),
			new Route(HttpMethod.POST, "/tls/rotation"), new Route(HttpMethod.GET, "/system/report"));

	/** Routes anyone may call (with any method, so a wrong one gets 405, not 401). */
	static final List<Route> OPEN_ROUTES = List.of(new Route(null, "/login"));

	/** Characters that never need percent-encoding (RFC 3986, section 2.3). */
	private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain apiSecurity(HttpSecurity http, SessionStore sessions, BrowserRequestFilter browserCheck) {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			// Nothing here reads an anonymous token or the servlet API's security
			// methods.
			.anonymous((anonymous) -> anonymous.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.addFilterAfter(browserCheck, HeaderWriterFilter.class)
			.addFilterBefore(new SessionCookieFilter(sessions), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(matcher(OPEN_ROUTES))
				.permitAll()
				.requestMatchers(matcher(ADMIN_ROUTES))
				.hasRole("ADMIN")
				.requestMatchers(ApiPaths.BASES.stream().map((base) -> base + "/**").toArray(String[]::new))
				.authenticated()
				.anyRequest()
				.permitAll())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> ErrorEnvelope.send(request, response,
						HttpStatus.UNAUTHORIZED, "not signed in or session expired"))
				.accessDeniedHandler((request, response, ex) -> ErrorEnvelope.send(request, response,
						HttpStatus.FORBIDDEN, "administrators only")))
			.build();
	}

	/**
	 * Spring Security's strict firewall, and more: a path may not hide an unreserved
	 * character behind a percent escape ({@code /%5Femulator/info}, {@code /%6cogin}).
	 * Nothing needs such an escape, and once decoded it reaches a route its raw form does
	 * not name. Encoded slashes, dot segments, doubled slashes, path parameters and
	 * backslashes are refused already.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		List<String> escapes = new ArrayList<>();
		for (char c : UNRESERVED.toCharArray()) {
			String hex = HexFormat.of().withUpperCase().toHexDigits((byte) c);
			escapes.add("%" + hex);
			escapes.add("%" + hex.toLowerCase(java.util.Locale.ROOT));
		}
		firewall.getEncodedUrlBlocklist().addAll(escapes);
		return firewall;
	}

	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> ErrorEnvelope.send(request, response, HttpStatus.BAD_REQUEST,
				"request refused: malformed URL or header");
	}

	private static RequestMatcher matcher(List<Route> routes) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (Route route : routes) {
			for (String path : ApiPaths.underEveryBase(route.path())) {
				matchers.add(PathPatternRequestMatcher.withDefaults().matcher(route.method(), path));
				if (HttpMethod.GET.equals(route.method())) {
					// HEAD is GET without the body: the same rule, always.
					matchers.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, path));
				}
			}
		}
		return new OrRequestMatcher(matchers);
	}

	/**
	 * A method and a route below the base path.
	 *
	 * @param method the HTTP method, or null for any
	 * @param path the route, such as {@code /tls/export}
	 */
	record Route(HttpMethod method, String path) {
	}

}
