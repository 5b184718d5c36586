package dev.csemu.tls;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import dev.csemu.tls.internal.CertificateAuthority;
import dev.csemu.tls.internal.CertificateAuthority.Issuer;
import dev.csemu.tls.internal.CertificateAuthority.Validity;
import dev.csemu.tls.internal.KeyType;

/**
 * Issues the set's certificates, valid for {@link #VALIDITY} from now on the emulator's
 * clock: the CA, the server certificate for this machine's names and the
 * {@code domain_names}, and the client certificate.
 */
final class CertificateIssuer {

	/** How long every certificate is valid: every vendor example spans exactly this. */
	static final Duration VALIDITY = Duration.ofDays(1080);

	static final String CA_COMMON_NAME = "Container Station Emulator CA";

	static final String CLIENT_COMMON_NAME = "client";

	private final CertificateAuthority authority;

	private final Clock clock;

	private final KeyType keyType;

	private final Supplier<LocalNames> localNames;

	CertificateIssuer(CertificateAuthority authority, Clock clock, KeyType keyType, Supplier<LocalNames> localNames) {
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
		Credential ca = credential(this.authority.issueCa(caKeys, CA_COMMON_NAME, validity), caKeys.getPrivate());
		Credential server = server(ca, this.authority.generateKeyPair(this.keyType), domainNames, validity);
		KeyPair clientKeys = this.authority.generateKeyPair(this.keyType);
		X509Certificate client = this.authority.issueClient(issuer(ca), clientKeys.getPublic(), CLIENT_COMMON_NAME,
				validity);
		return new TlsGeneration(ca, server, credential(client, clientKeys.getPrivate()), domainNames, true, Set.of());
	}

	/** The server certificate again, with the same key, for these domain names. */
	Credential reissueServer(TlsGeneration generation, List<String> domainNames) {
		KeyPair keys = new KeyPair(generation.server().certificate().getPublicKey(), generation.server().key());
		return server(generation.ca(), keys, domainNames, validityFromNow());
	}

	/** A new client certificate with a new key. */
	Credential newClient(Credential ca) {
		KeyPair keys = this.authority.generateKeyPair(this.keyType);
		return credential(
				this.authority.issueClient(issuer(ca), keys.getPublic(), CLIENT_COMMON_NAME, validityFromNow()),
				keys.getPrivate());
	}

	/**
	 * Whether the server certificate still names this machine and the domain names (the
	 * machine's addresses may have changed since it was issued).
	 */
	boolean covers(Credential server, List<String> domainNames) {
		List<String> present = server.subjectAlternativeNames();
		return present.containsAll(wantedNames(this.localNames.get(), domainNames));
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
		Set<String> dns = new LinkedHashSet<>();
		Set<InetAddress> addresses = new LinkedHashSet<>();
		names(local, domainNames, dns, addresses);
		return credential(this.authority.issueSelfSignedServer(keys, local.hostName(), List.copyOf(dns),
				List.copyOf(addresses), validityFromNow()), keys.getPrivate());
	}

	private Credential server(Credential ca, KeyPair keys, List<String> domainNames, Validity validity) {
		LocalNames local = this.localNames.get();
		Set<String> dns = new LinkedHashSet<>();
		Set<InetAddress> addresses = new LinkedHashSet<>();
		names(local, domainNames, dns, addresses);
		X509Certificate certificate = this.authority.issueServer(issuer(ca), keys.getPublic(), local.hostName(),
				List.copyOf(dns), List.copyOf(addresses), validity);
		return credential(certificate, keys.getPrivate());
	}

	private static void names(LocalNames local, List<String> domainNames, Set<String> dns, Set<InetAddress> addresses) {
		local.dnsNames().forEach((name) -> dns.add(name.toLowerCase(Locale.ROOT)));
		addresses.addAll(local.addresses());
		for (String name : domainNames) {
			if (DomainNames.isIpLiteral(name)) {
				addresses.add(DomainNames.toAddress(name));
			}
			else {
				dns.add(name.toLowerCase(Locale.ROOT));
			}
		}
	}

	private static List<String> wantedNames(LocalNames local, List<String> domainNames) {
		Set<String> names = new LinkedHashSet<>();
		local.dnsNames().forEach((name) -> names.add("DNS:" + name.toLowerCase(Locale.ROOT)));
		local.addresses().forEach((address) -> names.add("IP:" + address.getHostAddress()));
		for (String name : domainNames) {
			names.add(DomainNames.isIpLiteral(name) ? "IP:" + DomainNames.toAddress(name).getHostAddress()
					: "DNS:" + name.toLowerCase(Locale.ROOT));
		}
		return List.copyOf(names);
	}

	private Credential credential(X509Certificate certificate, PrivateKey key) {
		return new Credential(certificate, key, this.authority.toPem(certificate), this.authority.toPem(key));
	}

	private static Issuer issuer(Credential ca) {
		return new Issuer(ca.certificate(), ca.key());
	}

}
