package dev.csemu.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

import dev.csemu.auth.SessionStore.Session;
import dev.csemu.web.BrowserCheck;
import dev.csemu.web.ClassifiedRequest;
import dev.csemu.web.ErrorEnvelope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in machinery (accounts, sessions, QTS sids, the address block and the account
 * lock), the security chain of everything but the control API, and the firewall in front
 * of every chain.
 *
 * <p>
 * Sessions are the emulator's own ({@link SessionStore}, the {@code CS_SESS_ID} cookie),
 * so Spring Security keeps no HTTP session. Token CSRF protection is off: the API is
 * called by curl and scripts holding a cookie jar, which cannot fetch a token first,
 * exactly as on the real NAS. Instead the session cookie is {@code SameSite=Lax} and
 * {@link BrowserCheck} refuses browser requests that name another host.
 *
 * <p>
 * Every rule matches on the request's {@link ClassifiedRequest} (the decoded path Spring
 * MVC routes on, classified once per request); the firewall refuses the raw paths whose
 * decoding would change the route they reach.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuthConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AuthConfiguration.class);

	/**
	 * Routes only administrators may call (403 for others), under every base path, with
	 * their method. A {@code GET} route covers {@code HEAD} too. Features added later
	 * inherit the rule by their route being here.
	 */
	static final Map<String, HttpMethod> ADMIN_ROUTES = Map.of("/tls", HttpMethod.POST, "/tls/domain_names",
			HttpMethod.PUT, "/tls/export", HttpMethod.GET, "/tls/rotation", HttpMethod.POST, "/system/report",
			HttpMethod.GET);

	private static final List<GrantedAuthority> USER = AuthorityUtils.createAuthorityList("ROLE_USER");

	private static final List<GrantedAuthority> ADMIN = AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN");

	/** Characters that never need percent-encoding (RFC 3986, section 2.3). */
	private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

	@Bean
	SecureRandom secureRandom() {
		return new SecureRandom();
	}

	/** Container Station sessions: the {@code CS_SESS_ID} cookie. */
	@Bean
	@Primary
	SessionStore sessionStore(AuthProperties.Session settings, Clock clock, SecureRandom random) {
		return new SessionStore(clock, random, settings);
	}

	/** QTS sids from authLogin.cgi, exchanged for a session by the sid login. */
	@Bean
	SessionStore qtsSidStore(AuthProperties.Session settings, Clock clock, SecureRandom random) {
		return new SessionStore(clock, random, settings);
	}

	@Bean
	AccessProtection accessProtection(AuthProperties.AccessProtection settings, Clock clock, Accounts accounts) {
		return new AccessProtection(settings, clock, accounts::isConfigured);
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnAboutDefaultPasswords(ApplicationReadyEvent event) {
		AuthProperties properties = event.getApplicationContext().getBean(AuthProperties.class);
		ServerProperties server = event.getApplicationContext().getBean(ServerProperties.class);
		InetAddress address = server.getAddress();
		if (address != null && address.isLoopbackAddress()) {
			return;
		}
		properties.users().forEach((name, user) -> {
			if (AuthProperties.DEFAULT_PASSWORD.equals(user.password())
					|| ("{noop}" + AuthProperties.DEFAULT_PASSWORD).equals(user.password())) {
				logger.warn(
						"User '{}' still has the default password and the emulator listens on {}: "
								+ "anyone who can reach it can sign in. Set emulator.users.{}.password.",
						name, (address != null) ? address.getHostAddress() : "every address", name);
			}
		});
	}

	/**
	 * Spring Security's view of the accounts. Sign-in does not go through it, but its
	 * presence keeps Spring Boot from adding a generated user of its own.
	 */
	@Bean
	AuthenticationManager authenticationManager(Accounts accounts) {
		return (authentication) -> accounts
			.verify(authentication.getName(), String.valueOf(authentication.getCredentials()))
			.map((account) -> UsernamePasswordAuthenticationToken.authenticated(account.name(), null,
					account.user().admin() ? ADMIN : USER))
			.orElseThrow(() -> new BadCredentialsException(AuthController.BAD_CREDENTIALS));
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain apiSecurity(HttpSecurity http, SessionStore sessions, BrowserCheck browserCheck) {
		return browserCheck.statelessChain(http)
			.addFilterBefore(sessionCookie(sessions), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				// Anyone may call login, with any method: a wrong one gets 405, not 401.
				.requestMatchers(apiRoute((route, method) -> route.equals("/login")))
				.permitAll()
				.requestMatchers(apiRoute(AuthConfiguration::isAdminRoute))
				.hasRole("ADMIN")
				.requestMatchers(apiRoute((route, method) -> true))
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
	 * Authenticates a request by its {@code CS_SESS_ID} cookie against the server-side
	 * sessions, restarting the session's idle timer. A missing, forged or expired cookie
	 * leaves the request anonymous; the authorization rules then answer 401.
	 */
	private static OncePerRequestFilter sessionCookie(SessionStore sessions) {
		SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				sessions.touch(AuthController.sessionId(request)).ifPresent((session) -> {
					request.setAttribute(Session.REQUEST_ATTRIBUTE, session);
					SecurityContext context = contextHolder.createEmptyContext();
					context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(session, null,
							session.admin() ? ADMIN : USER));
					contextHolder.setContext(context);
				});
				chain.doFilter(request, response);
			}

		};
	}

	/**
	 * Spring Security's strict firewall, and more: a path may not hide an unreserved
	 * character behind a percent escape ({@code /%5Femulator/info}, {@code /%6cogin}).
	 * Nothing needs such an escape, and once decoded it reaches a route its raw form does
	 * not name. Encoded slashes, dot segments, doubled slashes, path parameters and
	 * backslashes are refused already.
	 *
	 * <p>
	 * Header names and values keep Spring's rule (assigned characters, no control
	 * character but a tab in a value), checked without its regular expression: the
	 * firewall checks every header read, and a matcher per read was a measurable share of
	 * each request's garbage.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames((name) -> assignedAndNotControl(name, false));
		firewall.setAllowedHeaderValues((value) -> assignedAndNotControl(value, true));
		for (char c : UNRESERVED.toCharArray()) {
			String hex = HexFormat.of().withUpperCase().toHexDigits((byte) c);
			firewall.getEncodedUrlBlocklist().addAll(List.of("%" + hex, "%" + hex.toLowerCase(Locale.ROOT)));
		}
		return firewall;
	}

	/**
	 * Whether every code point is assigned and none is a control character (but a tab,
	 * when allowed): {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}.
	 */
	static boolean assignedAndNotControl(String text, boolean tabAllowed) {
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> ErrorEnvelope.send(request, response, HttpStatus.BAD_REQUEST,
				"request refused: malformed URL or header");
	}

	/**
	 * Matches a request of the emulated API by its route below any base path and its
	 * method: one look at the request's classification, not a path pattern per route and
	 * base.
	 */
	private static RequestMatcher apiRoute(BiPredicate<String, String> routeAndMethod) {
		return (request) -> {
			ClassifiedRequest classified = ClassifiedRequest.of(request);
			return classified.surface() == ClassifiedRequest.Surface.API
					&& routeAndMethod.test(classified.route(), request.getMethod());
		};
	}

	/** HEAD is GET without the body: the same rule, always. */
	private static boolean isAdminRoute(String route, String method) {
		HttpMethod admin = ADMIN_ROUTES.get(route);
		return admin != null
				&& (admin.matches(method) || (HttpMethod.GET.equals(admin) && HttpMethod.HEAD.matches(method)));
	}

}
