package dev.csemu.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The sign-in machinery: accounts, sessions, QTS sids and the address block.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuthConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AuthConfiguration.class);

	@Bean
	SecureRandom secureRandom() {
		return new SecureRandom();
	}

	/** Container Station sessions: the {@code CS_SESS_ID} cookie. */
	@Bean
	@Primary
	SessionStore sessionStore(AuthProperties properties, Clock clock, SecureRandom random) {
		return new SessionStore(clock, random, properties.session().idleTimeout(), properties.session().maxSessions());
	}

	/** QTS sids from authLogin.cgi, exchanged for a session by the sid login. */
	@Bean
	SessionStore qtsSidStore(AuthProperties properties, Clock clock, SecureRandom random) {
		return new SessionStore(clock, random, properties.session().idleTimeout(), properties.session().maxSessions());
	}

	@Bean
	AccessProtection accessProtection(AuthProperties properties, Clock clock) {
		return new AccessProtection(properties.accessProtection(), clock);
	}

	@Bean
	SignInService signInService(AuthenticationManager authenticationManager, AuthProperties properties,
			@Qualifier("sessionStore") SessionStore sessions, @Qualifier("qtsSidStore") SessionStore qtsSids,
			AccessProtection accessProtection, Clock clock) {
		return new SignInService(authenticationManager, properties, sessions, qtsSids, accessProtection, clock);
	}

	@Bean
	SessionPurge sessionPurge(@Qualifier("sessionStore") SessionStore sessions,
			@Qualifier("qtsSidStore") SessionStore qtsSids) {
		return new SessionPurge(List.of(sessions, qtsSids));
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
						name, describe(address), name);
			}
		});
	}

	private static String describe(InetAddress address) {
		if (address == null) {
			try {
				return "every address (" + InetAddress.getLocalHost().getHostName() + ")";
			}
			catch (UnknownHostException ex) {
				return "every address";
			}
		}
		return address.getHostAddress();
	}

	/**
	 * Spring Security checks the passwords: plain text as configured, or any {@code {id}}
	 * encoded form, with the same timing whether or not the user exists.
	 */
	@Bean
	AuthenticationManager authenticationManager(AuthProperties properties) {
		List<UserDetails> users = properties.users()
			.entrySet()
			.stream()
			.map((entry) -> User.withUsername(entry.getKey())
				.password(entry.getValue().password())
				.roles(entry.getValue().admin() ? new String[] { "USER", "ADMIN" } : new String[] { "USER" })
				.build())
			.toList();
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
		provider.setPasswordEncoder(passwordEncoder());
		return new ProviderManager(provider);
	}

	@SuppressWarnings("deprecation")
	private static PasswordEncoder passwordEncoder() {
		DelegatingPasswordEncoder encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories
			.createDelegatingPasswordEncoder();
		// A password without an {id} prefix is plain text, as users write it in
		// application.yml.
		encoder.setDefaultPasswordEncoderForMatches(NoOpPasswordEncoder.getInstance());
		return encoder;
	}

	/**
	 * Drops idle sessions every minute, so memory follows the live sessions.
	 */
	static final class SessionPurge {

		private final List<SessionStore> stores;

		SessionPurge(List<SessionStore> stores) {
			this.stores = stores;
		}

		@Scheduled(fixedDelayString = "PT1M")
		void purge() {
			this.stores.forEach(SessionStore::purgeExpired);
		}

	}

}
