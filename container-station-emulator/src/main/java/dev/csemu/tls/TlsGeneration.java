package dev.csemu.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.tls.internal.CertificateAuthority;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One complete, immutable version of the TLS material and its state: what one generation
 * folder on disk holds. The current generation is replaced in a single swap, so whoever
 * reads it sees certificates and keys that belong together.
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

	private static final JsonMapper STATE_MAPPER = JsonMapper.builder().build();

	private static final int STATE_FORMAT = 1;

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
	 * The files of this generation, in the order they are written.
	 * @return the contents by file name
	 */
	Map<String, byte[]> toFiles() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put(TlsStore.CA_CERTIFICATE, ascii(this.ca.certificatePem()));
		files.put(TlsStore.CA_KEY, ascii(this.ca.keyPem()));
		files.put(TlsStore.SERVER_CERTIFICATE, ascii(this.server.certificatePem()));
		files.put(TlsStore.SERVER_KEY, ascii(this.server.keyPem()));
		files.put(TlsStore.CLIENT_CERTIFICATE, ascii(this.client.certificatePem()));
		files.put(TlsStore.CLIENT_KEY, ascii(this.client.keyPem()));
		List<String> retired = this.retiredClientSerials.stream().map(TlsGeneration::hex).toList();
		files.put(TlsStore.STATE, STATE_MAPPER.writerWithDefaultPrettyPrinter()
			.writeValueAsBytes(new StoredState(STATE_FORMAT, this.domainNames, this.outdatedNotify, retired)));
		return files;
	}

	/**
	 * Reads a generation back from its files and checks that it is whole: every
	 * certificate signed by the CA, every key matching its certificate.
	 * @param files the contents by file name
	 * @param authority reads the PEM text
	 * @return the generation
	 * @throws IllegalArgumentException when a file is unreadable or the set does not hold
	 * together
	 */
	static TlsGeneration fromFiles(Map<String, byte[]> files, CertificateAuthority authority) {
		Credential ca = credential(files, TlsStore.CA_CERTIFICATE, TlsStore.CA_KEY, authority);
		Credential server = credential(files, TlsStore.SERVER_CERTIFICATE, TlsStore.SERVER_KEY, authority);
		Credential client = credential(files, TlsStore.CLIENT_CERTIFICATE, TlsStore.CLIENT_KEY, authority);
		StoredState state;
		try {
			state = STATE_MAPPER.readValue(files.get(TlsStore.STATE), StoredState.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(TlsStore.STATE + " is unreadable: " + ex.getOriginalMessage(), ex);
		}
		if (state.format() != STATE_FORMAT) {
			throw new IllegalArgumentException(TlsStore.STATE + " has format " + state.format() + ", not "
					+ STATE_FORMAT + " (written by another version of the emulator?)");
		}
		List<String> domainNames = (state.domainNames() != null) ? state.domainNames() : List.of();
		for (String name : domainNames) {
			if (!DomainNames.isHostName(name) && !DomainNames.isIpLiteral(name)) {
				throw new IllegalArgumentException(TlsStore.STATE + " holds a bad domain name: " + name);
			}
		}
		List<BigInteger> retired = new ArrayList<>();
		if (state.retiredClientSerials() != null) {
			for (String serial : state.retiredClientSerials()) {
				try {
					retired.add(new BigInteger(serial, 16));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException(TlsStore.STATE + " holds a bad serial: " + serial, ex);
				}
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

	private static Credential credential(Map<String, byte[]> files, String certificateFile, String keyFile,
			CertificateAuthority authority) {
		String certificatePem = new String(files.get(certificateFile), StandardCharsets.US_ASCII);
		String keyPem = new String(files.get(keyFile), StandardCharsets.US_ASCII);
		try {
			return new Credential(authority.readCertificate(certificatePem), authority.readPrivateKey(keyPem),
					certificatePem, keyPem);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(certificateFile + " or " + keyFile + " is unreadable", ex);
		}
	}

	static String hex(BigInteger serial) {
		return serial.toString(16).toUpperCase(Locale.ROOT);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The state file, {@code state.json}.
	 *
	 * @param format the file's format version
	 * @param domainNames the extra names of the server certificate
	 * @param outdatedNotify false once the expiry warning was dismissed
	 * @param retiredClientSerials hexadecimal serials of retired client certificates
	 */
	record StoredState(int format, @JsonProperty("domain_names") List<String> domainNames, boolean outdatedNotify,
			@JsonProperty("retired_client_serials") List<String> retiredClientSerials) {
	}

}
