package dev.csemu.tls;

import java.net.InetAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.csemu.tls.DomainNames.LocalNames;
import dev.csemu.tls.TlsGeneration.Credential;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Issuer;
import dev.csemu.tls.internal.BouncyCastleCertificateAuthority.Validity;
import dev.csemu.tls.internal.KeyType;

/**
 * Issues the certificates, valid for {@link #VALIDITY} from now on the emulator's clock:
 * the CA, the server certificate for this machine's names and the {@code domain_names},
 * the client certificate, and the NAS web certificate.
 */
final class CertificateIssuer {

	/** Every vendor example spans exactly this. */
	static final Duration VALIDITY = Duration.ofDays(1080);

	private final BouncyCastleCertificateAuthority authority;

	private final Clock clock;

	private final KeyType keyType;

	private final Supplier<LocalNames> localNames;

	CertificateIssuer(BouncyCastleCertificateAuthority authority, Clock clock, KeyType keyType,
			Supplier<LocalNames> localNames) {
		this.authority = authority;
		this.clock = clock;
		this.keyType = keyType;
		this.localNames = localNames;
	}

	Validity validityFromNow() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		return new Validity(now, now.plus(VALIDITY));
	}

	/** A whole new set: new keys everywhere, the warning armed, nothing retired. */
	TlsGeneration createAll(List<String> domainNames, Validity validity) {
		KeyPair caKeys = this.authority.generateKeyPair(this.keyType);
		Credential ca = new Credential(this.authority.issueCa(caKeys, "Container Station Emulator CA", validity),
				caKeys.getPrivate(), this.authority);
		Credential server = server(ca, this.authority.generateKeyPair(this.keyType), domainNames, validity);
		return new TlsGeneration(ca, server, newClient(ca, validity), domainNames, true, Set.of());
	}

	/** The server certificate again, with the same key, for these domain names. */
	Credential reissueServer(TlsGeneration generation, List<String> domainNames) {
		KeyPair keys = new KeyPair(generation.server().certificate().getPublicKey(), generation.server().key());
		return server(generation.ca(), keys, domainNames, validityFromNow());
	}

	Credential newClient(Credential ca, Validity validity) {
		KeyPair keys = this.authority.generateKeyPair(this.keyType);
		return new Credential(this.authority.issueClient(new Issuer(ca.certificate(), ca.key()), keys.getPublic(),
				"client", validity), keys.getPrivate(), this.authority);
	}

	/**
	 * Whether a server certificate still names this machine and the domain names (the
	 * machine's addresses may have changed since it was issued).
	 */
	boolean covers(Credential server, List<String> domainNames) {
		return server.subjectAlternativeNames().containsAll(this.localNames.get().subjectAlternativeNames(domainNames));
	}

	/**
	 * A NAS web certificate with a new key, for the same names as the server certificate.
	 * @param ca the CA that signs it, or null for a self-signed one
	 */
	Credential newWeb(Credential ca, List<String> domainNames) {
		KeyPair keys = this.authority.generateKeyPair(this.keyType);
		if (ca != null) {
			return server(ca, keys, domainNames, validityFromNow());
		}
		LocalNames local = this.localNames.get();
		List<String> names = local.subjectAlternativeNames(domainNames);
		return new Credential(
				this.authority.issueSelfSignedServer(keys, local.hostName(), dns(names), ips(names), validityFromNow()),
				keys.getPrivate(), this.authority);
	}

	private Credential server(Credential ca, KeyPair keys, List<String> domainNames, Validity validity) {
		LocalNames local = this.localNames.get();
		List<String> names = local.subjectAlternativeNames(domainNames);
		return new Credential(this.authority.issueServer(new Issuer(ca.certificate(), ca.key()), keys.getPublic(),
				local.hostName(), dns(names), ips(names), validity), keys.getPrivate(), this.authority);
	}

	private static List<String> dns(List<String> names) {
		return names.stream().filter((name) -> name.startsWith("DNS:")).map((name) -> name.substring(4)).toList();
	}

	private static List<InetAddress> ips(List<String> names) {
		return names.stream()
			.filter((name) -> name.startsWith("IP:"))
			.map((name) -> DomainNames.toAddress(name.substring(3)))
			.toList();
	}

}
