package dev.csemu.tls;

import java.security.SecureRandom;
import java.time.Clock;

import dev.csemu.system.HostName;
import dev.csemu.system.HostProperties;
import dev.csemu.tls.DomainNames.LocalNames;
import dev.csemu.web.HttpsProperties;
import dev.csemu.web.KnownHostNames;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The TLS feature: the certificate authority, the material in the TLS folder, the NAS web
 * certificate and the Docker endpoint that proves the material.
 */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

	@Bean
	TlsCertificates tlsCertificates(TlsProperties properties, SecureRandom random, Clock clock, HostName hostName) {
		return new TlsCertificates(properties.dir(), random, clock, properties.keyType(), properties.notifyBefore(),
				() -> LocalNames.detect(hostName.value()));
	}

	/** The NAS web certificate, made only when the HTTPS port is on. */
	@Bean
	@ConditionalOnExpression("'${emulator.https.port:0}' != '0'")
	WebCertificate webCertificate(TlsCertificates certificates, HttpsProperties https) {
		return new WebCertificate(certificates, https.certificate());
	}

	/**
	 * Browsers may name the emulator by the server certificate's {@code domain_names}.
	 */
	@Bean
	KnownHostNames dockerDomainNames(TlsCertificates certificates) {
		return () -> certificates.current().domainNames();
	}

	@Bean
	DockerTlsEndpoint dockerTlsEndpoint(TlsCertificates certificates, TlsProperties.Docker docker,
			ServerProperties server, HostProperties host, JsonMapper jsonMapper, SecureRandom random, Clock clock) {
		return new DockerTlsEndpoint(certificates, clock, server.getAddress(), docker.tlsPort(), jsonMapper,
				host.product().version().dockerVersion(), random);
	}

}
