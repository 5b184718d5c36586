package dev.csemu.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import dev.csemu.tls.PrivateFiles;
import dev.csemu.web.BrowserCheck;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The control plane: its token and security chain, and the filter that applies faults and
 * journals requests in front of the emulated API. With
 * {@code emulator.control.enabled: false} only the chain remains.
 */
@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ControlConfiguration.class);

	/**
	 * Writes the HTTP port to {@code emulator.port-file} once the emulator listens, for
	 * launchers (the JUnit extension) that start it on port 0: no bind-close race, and
	 * the file appears whole or not at all.
	 */
	@Bean
	@ConditionalOnProperty("emulator.port-file")
	ApplicationListener<WebServerInitializedEvent> portFileWriter(Environment environment) {
		Path file = Path.of(environment.getRequiredProperty("emulator.port-file")).toAbsolutePath();
		return (event) -> {
			byte[] port = Integer.toString(event.getWebServer().getPort()).getBytes(StandardCharsets.UTF_8);
			try {
				PrivateFiles.write(file, port, true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write the port to " + file, ex);
			}
		};
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

		/** Registered as a servlet filter in its own order. */
		@Bean
		TrafficFilter trafficFilter(ControlProperties properties, JsonMapper jsonMapper, Clock clock,
				PrometheusMeterRegistry metrics) {
			return new TrafficFilter(properties.journalSize(), jsonMapper, clock, metrics);
		}

	}

	/**
	 * The chain of everything under {@code /_emulator}, matched on the decoded path as
	 * Spring MVC routes it. Health stays open for Docker's HEALTHCHECK, and so do the
	 * dashboard's own files, which hold no data: a browser cannot send the token when it
	 * navigates. Without the control API everything else answers 404.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain controlSecurity(HttpSecurity http, BrowserCheck browserCheck,
			ObjectProvider<ControlToken> tokenIfEnabled) {
		ControlToken token = tokenIfEnabled.getIfAvailable();
		AuthenticationEntryPoint refused = (request, response, ex) -> {
			if (token == null) {
				ErrorEnvelope.send(request, response, HttpStatus.NOT_FOUND, null);
				return;
			}
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"emulator control\"");
			ErrorEnvelope.send(request, response, HttpStatus.UNAUTHORIZED,
					"the control API needs Authorization: Bearer <emulator.control.token>");
		};
		return browserCheck.statelessChain(http)
			.securityMatcher((request) -> ClassifiedRequest.of(request).surface() == ClassifiedRequest.Surface.CONTROL)
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR)
					.permitAll()
					.requestMatchers(PathPatternRequestMatcher.withDefaults()
						.matcher(ClassifiedRequest.CONTROL_BASE + "/health"))
					.permitAll();
				if (token == null) {
					requests.anyRequest().denyAll();
					return;
				}
				requests
					.requestMatchers(InfoController.DASHBOARD_PATHS.stream()
						.map((path) -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path))
						.toArray(RequestMatcher[]::new))
					.permitAll()
					.anyRequest()
					.access((authentication, context) -> new AuthorizationDecision(
							token.matches(context.getRequest().getHeader(HttpHeaders.AUTHORIZATION))));
			})
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(refused)
				.accessDeniedHandler((request, response, ex) -> refused.commence(request, response, null)))
			.build();
	}

	/**
	 * The bearer token of the control API: the configured token, or one generated at
	 * start and written owner-only to a file so that the user (and only the user) can
	 * read it. A Container Station session cookie never opens the control API.
	 */
	static final class ControlToken {

		private final byte[] token;

		private ControlToken(String token) {
			this.token = token.getBytes(StandardCharsets.UTF_8);
		}

		static ControlToken of(ControlProperties properties, SecureRandom random) {
			if (properties.token() != null && !properties.token().isBlank()) {
				return new ControlToken(properties.token());
			}
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			Path file = properties.tokenFile().toAbsolutePath();
			try {
				Files.createDirectories(file.getParent());
				PrivateFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8), true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not write the control token to " + file, ex);
			}
			logger.info("Control API token generated and written to {} (set emulator.control.token to choose one)",
					file);
			return new ControlToken(token);
		}

		/**
		 * Whether an Authorization header is {@code Bearer <token>}, compared in constant
		 * time.
		 */
		boolean matches(String authorization) {
			return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && MessageDigest
				.isEqual(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8), this.token);
		}

		/** The token itself, for the dashboard's link. */
		String value() {
			return new String(this.token, StandardCharsets.UTF_8);
		}

	}

}
