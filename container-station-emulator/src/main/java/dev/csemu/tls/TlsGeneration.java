package dev.csemu.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.csemu.tls.internal.CertificateAuthority;

/**
 * One complete, immutable version of the TLS material and its state, parsed from (and
 * written as) a {@link TlsState}. The current generation is replaced in a single swap, so
 * whoever reads it sees certificates and keys that belong together.
 *
 * @param ca the certificate authority
 * @param server the Docker endpoint's certificate
 * @param client the client certificate of the exported bundle
 * @param domainNames the extra names of the server certificate
 * @param outdatedNotify false once a user dismissed the expiry warning of this client
 * certificate
 * @param retiredClientSerials serials of client certificates replaced by a rotation
 */
record TlsGeneration(Credential ca, Credential server, Credential client, List<String> domainNames,
		boolean outdatedNotify, Set<BigInteger> retiredClientSerials) {

	TlsGeneration {
		domainNames = List.copyOf(domainNames);
		retiredClientSerials = Collections.unmodifiableSet(new LinkedHashSet<>(retiredClientSerials));
	}

	TlsGeneration withDomainNames(List<String> names, Credential newServer) {
		return new TlsGeneration(this.ca, newServer, this.client, names, this.outdatedNotify,
				this.retiredClientSerials);
	}

	TlsGeneration withServer(Credential newServer) {
		return new TlsGeneration(this.ca, newServer, this.client, this.domainNames, this.outdatedNotify,
				this.retiredClientSerials);
	}

	TlsGeneration withOutdatedNotify(boolean notify) {
		return new TlsGeneration(this.ca, this.server, this.client, this.domainNames, notify,
				this.retiredClientSerials);
	}

	/**
	 * The generation after a rotation: a new client certificate, the old one's serial
	 * retired, the expiry warning armed again.
	 * @param newClient the new client certificate
	 * @return the next generation
	 */
	TlsGeneration withRotatedClient(Credential newClient) {
		Set<BigInteger> retired = new LinkedHashSet<>(this.retiredClientSerials);
		retired.add(this.client.certificate().getSerialNumber());
		return new TlsGeneration(this.ca, this.server, newClient, this.domainNames, true, retired);
	}

	/**
	 * This generation as its durable text.
	 * @return the state
	 */
	TlsState toState() {
		return new TlsState(TlsState.FORMAT, this.ca.certificatePem(), this.ca.keyPem(), this.server.certificatePem(),
				this.server.keyPem(), this.client.certificatePem(), this.client.keyPem(), this.domainNames,
				this.outdatedNotify, this.retiredClientSerials.stream().map(TlsGeneration::hex).toList());
	}

	/**
	 * Reads a generation back from its state and checks that it is whole: every
	 * certificate signed by the CA, every key matching its certificate.
	 * @param state the durable text
	 * @param authority reads the PEM text
	 * @return the generation
	 * @throws IllegalArgumentException when a part is unreadable or the set does not hold
	 * together
	 */
	static TlsGeneration fromState(TlsState state, CertificateAuthority authority) {
		Credential ca = credential(state.caCertificate(), state.caKey(), "the CA", authority);
		Credential server = credential(state.serverCertificate(), state.serverKey(), "the server", authority);
		Credential client = credential(state.clientCertificate(), state.clientKey(), "the client", authority);
		List<String> domainNames = (state.domainNames() != null) ? state.domainNames() : List.of();
		for (String name : domainNames) {
			if (!DomainNames.isHostName(name) && !DomainNames.isIpLiteral(name)) {
				throw new IllegalArgumentException("a bad domain name: " + name);
			}
		}
		List<BigInteger> retired = new ArrayList<>();
		for (String serial : (state.retiredClientSerials() != null) ? state.retiredClientSerials()
				: List.<String>of()) {
			try {
				retired.add(new BigInteger(serial, 16));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("a bad serial: " + serial, ex);
			}
		}
		TlsGeneration generation = new TlsGeneration(ca, server, client, domainNames, state.outdatedNotify(),
				new LinkedHashSet<>(retired));
		generation.checkWhole();
		return generation;
	}

	/**
	 * Checks that the set holds together.
	 * @throws IllegalArgumentException when it does not
	 */
	void checkWhole() {
		X509Certificate authority = this.ca.certificate();
		check(this.ca, authority, "the CA certificate");
		check(this.server, authority, "the server certificate");
		check(this.client, authority, "the client certificate");
	}

	private static void check(Credential credential, X509Certificate authority, String what) {
		try {
			credential.certificate().verify(authority.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(what + " is not signed by the CA", ex);
		}
		if (!credential.keyMatchesCertificate()) {
			throw new IllegalArgumentException("the key of " + what + " does not match it");
		}
	}

	private static Credential credential(String certificatePem, String keyPem, String what,
			CertificateAuthority authority) {
		if (certificatePem == null || keyPem == null) {
			throw new IllegalArgumentException("the certificate or key of " + what + " is missing");
		}
		try {
			return new Credential(authority.readCertificate(certificatePem), authority.readPrivateKey(keyPem),
					certificatePem, keyPem);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the certificate or key of " + what + " is unreadable", ex);
		}
	}

	static String hex(BigInteger serial) {
		return serial.toString(16).toUpperCase(Locale.ROOT);
	}

}
