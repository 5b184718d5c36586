package dev.csemu.control;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import dev.csemu.system.HostResources;
import dev.csemu.web.BrowserRequestFilter;
import dev.csemu.web.ClassifiedRequest;
import dev.csemu.web.ErrorEnvelope;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The control plane: its token and security chain, the fault registry and the journal,
 * and the filter that puts them in front of the emulated API. With
 * {@code emulator.control.enabled: false} only the chain remains, answering 404 for
 * everything under {@code /_emulator} but health.
 */
@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

	/** After the one body reader, so that the journal keeps the body. */
	static final int TRAFFIC_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	private static final String HEALTH = ControlApi.BASE + "/health";

	/** For launchers, such as the JUnit extension, that start the emulator on port 0. */
	@Bean
	@ConditionalOnProperty("emulator.port-file")
	PortFileWriter portFileWriter(Environment environment) {
		return new PortFileWriter(Path.of(environment.getRequiredProperty("emulator.port-file")));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "emulator.control.enabled", matchIfMissing = true)
	static class Enabled {

		// The token file is written only once this emulator holds the TLS folder's lock:
		// a second emulator started by mistake fails before it and leaves the running
		// one's token alone.
		@Bean
		@DependsOn("tlsCertificates")
		ControlToken controlToken(ControlProperties properties, SecureRandom random) {
			return ControlToken.of(properties, random);
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		SecurityFilterChain controlSecurity(HttpSecurity http, ControlToken token, BrowserRequestFilter browserCheck) {
			return controlChain(http, browserCheck)
				.addFilterBefore(new ControlTokenFilter(token), AuthorizationFilter.class)
				.authorizeHttpRequests(rules((requests) -> requests
					// The dashboard's own files, no data: a browser cannot send the token
					// when it navigates.
					.requestMatchers(DashboardController.PATHS.stream()
						.map((path) -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path))
						.toArray(RequestMatcher[]::new))
					.permitAll()
					.anyRequest()
					.hasAuthority(ControlTokenFilter.AUTHORITY)))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"emulator control\"");
					ErrorEnvelope.send(request, response, HttpStatus.UNAUTHORIZED,
							"the control API needs Authorization: Bearer <emulator.control.token>");
				}))
				.build();
		}

		@Bean
		FaultRegistry faultRegistry() {
			return new FaultRegistry();
		}

		@Bean
		Journal journal(ControlProperties properties) {
			return new Journal(properties.journalSize());
		}

		@Bean
		JournalStream journalStream(Journal journal) {
			return new JournalStream(journal);
		}

		@Bean
		HostHistory hostHistory(HostResources resources) {
			return new HostHistory(resources, Clock.systemUTC());
		}

		/**
		 * Request and JVM metrics for {@code /_emulator/metrics}. The traffic filter
		 * times each request as {@code http.server.requests}; no observation wraps the
		 * request.
		 */
		@Bean
		PrometheusMeterRegistry prometheusMeterRegistry() {
			PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
			for (MeterBinder binder : List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
					new ProcessorMetrics(), new UptimeMetrics())) {
				binder.bindTo(registry);
			}
			return registry;
		}

		@Bean
		JvmGcMetrics jvmGcMetrics(PrometheusMeterRegistry registry) {
			JvmGcMetrics metrics = new JvmGcMetrics();
			metrics.bindTo(registry);
			return metrics;
		}

		@Bean
		FilterRegistrationBean<TrafficFilter> trafficFilter(FaultRegistry faults, Journal journal,
				JsonMapper jsonMapper, Clock clock, PrometheusMeterRegistry metrics) {
			FilterRegistrationBean<TrafficFilter> registration = new FilterRegistrationBean<>(
					new TrafficFilter(faults, journal, new Redaction(jsonMapper), clock, metrics));
			registration.setOrder(TRAFFIC_FILTER_ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "emulator.control.enabled", havingValue = false)
	static class Disabled {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		SecurityFilterChain controlSecurity(HttpSecurity http, BrowserRequestFilter browserCheck) {
			return controlChain(http, browserCheck)
				.authorizeHttpRequests(rules((requests) -> requests.anyRequest().denyAll()))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(
						(request, response, ex) -> ErrorEnvelope.send(request, response, HttpStatus.NOT_FOUND, null))
					.accessDeniedHandler((request, response, ex) -> ErrorEnvelope.send(request, response,
							HttpStatus.NOT_FOUND, null)))
				.build();
		}

	}

	/**
	 * The chain of everything under {@code /_emulator}, matched on the decoded path as
	 * Spring MVC routes it. Health stays open for Docker's HEALTHCHECK.
	 */
	private static HttpSecurity controlChain(HttpSecurity http, BrowserRequestFilter browserCheck) {
		return http
			.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(ClassifiedRequest.CONTROL_BASE + "/**"))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.addFilterAfter(browserCheck, HeaderWriterFilter.class);
	}

	private static Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules(
			Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rest) {
		return (requests) -> {
			requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HEALTH))
				.permitAll();
			rest.customize(requests);
		};
	}

}
