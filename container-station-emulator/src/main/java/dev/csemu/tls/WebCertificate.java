package dev.csemu.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import dev.csemu.tls.TlsGeneration.Credential;
import dev.csemu.web.HttpsCertificate;
import dev.csemu.web.HttpsProperties.CertificateSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NAS web certificate the HTTPS port serves, apart from the Docker material:
 * self-signed, or issued by the emulator's CA, for the same names as the Docker server
 * certificate. It lives in the TLS folder as one owner-only file, {@value #FILE} (the
 * key, then the certificate), replaced as a whole by {@link PrivateFiles#write}; it is
 * kept across restarts while it still fits (same source, same CA, all the names), and
 * issued anew otherwise.
 */
public final class WebCertificate implements HttpsCertificate {

	static final String FILE = "web-certificate.pem";

	private static final Logger logger = LoggerFactory.getLogger(WebCertificate.class);

	private static final String BEGIN_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

	private final Credential credential;

	private final Credential ca;

	/** Loads the web certificate from the TLS folder, or issues and stores a new one. */
	WebCertificate(TlsCertificates certificates, CertificateSource source) {
		TlsGeneration generation = certificates.current();
		this.ca = (source == CertificateSource.CA) ? generation.ca() : null;
		Path file = certificates.directory().resolve(FILE);
		Credential stored = read(file);
		// Kept while it still fits: same signer, its own key, all the names.
		if (stored != null && stored.isIssuedBy((this.ca != null) ? this.ca.certificate() : stored.certificate())
				&& stored.keyMatchesCertificate() && certificates.covers(stored, generation.domainNames())) {
			this.credential = stored;
			return;
		}
		this.credential = certificates.issueWeb(this.ca, generation.domainNames());
		try {
			PrivateFiles.write(file,
					(this.credential.keyPem() + this.credential.certificatePem()).getBytes(StandardCharsets.US_ASCII),
					true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the web certificate to " + file, ex);
		}
		logger.info("Issued a new {} web certificate in {}", (this.ca != null) ? "CA-signed" : "self-signed", file);
	}

	/** The stored certificate, or null when there is none or it is unreadable. */
	private static Credential read(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			String text = Files.readString(file, StandardCharsets.US_ASCII);
			int begin = text.indexOf(BEGIN_CERTIFICATE);
			if (begin < 0) {
				return null;
			}
			return Credential.read(text.substring(begin), text.substring(0, begin), "the web certificate");
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.warn("Replacing the unreadable web certificate {}: {}", file, ex.getMessage());
			return null;
		}
	}

	/** The certificate as PEM, followed by the CA's when the CA issued it. */
	public String pem() {
		return this.credential.certificatePem() + ((this.ca != null) ? this.ca.certificatePem() : "");
	}

	@Override
	public KeyStore keyStore() {
		return this.credential.keyStore(ALIAS, KEY_PASSWORD.toCharArray(), this.ca);
	}

}
