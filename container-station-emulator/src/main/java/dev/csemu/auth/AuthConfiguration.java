package dev.csemu.auth;

import java.net.InetAddress;
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
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The sign-in machinery: accounts, sessions, QTS sids, the address block and the account
 * lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuthConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AuthConfiguration.class);

	@Bean
	SecureRandom secureRandom() {
		return new SecureRandom();
	}

	@Bean
	Accounts accounts(AuthProperties properties, SecureRandom random) {
		return new Accounts(properties, random);
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

	@Bean
	SignInService signInService(Accounts accounts, @Qualifier("sessionStore") SessionStore sessions,
			@Qualifier("qtsSidStore") SessionStore qtsSids, AccessProtection accessProtection, Clock clock) {
		return new SignInService(accounts, sessions, qtsSids, accessProtection, clock);
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
		return (address != null) ? address.getHostAddress() : "every address";
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
					AuthorityUtils.createAuthorityList(account.user().admin()
							? new String[] { "ROLE_USER", "ROLE_ADMIN" } : new String[] { "ROLE_USER" })))
			.orElseThrow(() -> new BadCredentialsException(SignInService.BAD_CREDENTIALS));
	}

	/**
	 * Drops ended sessions every minute, so memory follows the live sessions even when no
	 * request comes to trigger Caffeine's own clean-up.
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
