package dev.csemu.auth;

import java.util.Arrays;
import java.util.List;

import dev.csemu.web.ApiPaths;
import dev.csemu.web.ErrorWriter;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one security filter chain of the emulated API.
 *
 * <p>
 * Sessions are the emulator's own ({@link SessionStore}, the {@code CS_SESS_ID} cookie),
 * so Spring Security keeps no HTTP session. Token CSRF protection is off: the API is
 * called by curl and scripts holding a cookie jar, which cannot fetch a token first,
 * exactly as on the real NAS. Instead the session cookie is {@code SameSite=Lax} and
 * {@link OriginCheckFilter} refuses writes whose {@code Origin} names another host.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Routes only administrators may call (403 for others), under every base path.
	 * Features added later inherit the rule by their route being here.
	 */
	static final List<Route> ADMIN_ROUTES = List.of(new Route(HttpMethod.POST, "/tls"),
			new Route(HttpMethod.PUT, "/tls/domain_names"), new Route(HttpMethod.GET, "/tls/export"),
			new Route(HttpMethod.POST, "/tls/rotation"), new Route(HttpMethod.GET, "/system/report"));

	/** Routes anyone may call (with any method, so a wrong one gets 405, not 401). */
	static final List<Route> OPEN_ROUTES = List.of(new Route(null, "/login"));

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SessionStore sessions, ErrorWriter errorWriter) {
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
			.addFilterAfter(new OriginCheckFilter(errorWriter), HeaderWriterFilter.class)
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
				.authenticationEntryPoint((request, response, ex) -> errorWriter.write(response,
						HttpStatus.UNAUTHORIZED, "not signed in or session expired"))
				.accessDeniedHandler((request, response, ex) -> errorWriter.write(response, HttpStatus.FORBIDDEN,
						"administrators only")))
			.build();
	}

	/**
	 * No observation around each security filter, authentication and authorization: on
	 * every request they cost more than the checks themselves. Each request is still
	 * measured as a whole ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	RequestRejectedHandler requestRejectedHandler(ErrorWriter errorWriter) {
		return (request, response, ex) -> errorWriter.write(response, HttpStatus.BAD_REQUEST,
				"request refused: malformed URL or header");
	}

	private static RequestMatcher matcher(List<Route> routes) {
		return new OrRequestMatcher(routes.stream()
			.flatMap((route) -> Arrays.stream(ApiPaths.underEveryBase(route.path()))
				.map((path) -> PathPatternRequestMatcher.withDefaults().matcher(route.method(), path)))
			.map(RequestMatcher.class::cast)
			.toList());
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
