package dev.csemu.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.csemu.support.SignIn;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.equalTo;

/**
 * The HTTPS system port over real TLS: the same API and sessions as the HTTP port, the
 * session cookie {@code Secure} only there, and the NAS web certificate in both of its
 * modes, checked by real handshakes against the exported {@code ca.pem}. The port is a
 * free one picked before the application starts ({@code emulator.https.port=0} means
 * off).
 */
class HttpsPortTests {

	static final String TOKEN = "https-test-token";

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "emulator.control.token=" + TOKEN)
	class SelfSigned {

		private static final int HTTPS_PORT = freePort();

		@DynamicPropertySource
		static void httpsPort(DynamicPropertyRegistry registry) {
			registry.add("emulator.https.port", () -> HTTPS_PORT);
		}

		@LocalServerPort
		int port;

		@Autowired
		TlsCertificates certificates;

		@Test
		void vendorsCurlSessionOverHttpsSetsASecureCookie() {
			Response login = https(HTTPS_PORT).contentType(ContentType.URLENC)
				.body("{\"username\": \"admin\", \"password\": \"admin\"}")
				.post(SignIn.API + "/login");
			login.then().statusCode(200).body("username", equalTo("admin"));
			assertThat(login.detailedCookie(SignIn.COOKIE).isSecured()).isTrue();
			String sid = login.cookie(SignIn.COOKIE);
			https(HTTPS_PORT).cookie(SignIn.COOKIE, sid).get(SignIn.API + "/tls").then().statusCode(200);
			https(HTTPS_PORT).cookie(SignIn.COOKIE, sid).put(SignIn.API + "/logout").then().statusCode(200);
			https(HTTPS_PORT).cookie(SignIn.COOKIE, sid).get(SignIn.API + "/tls").then().statusCode(401);
		}

		@Test
		void loginOverHttpSetsACookieWithoutSecure() {
			Response login = given().port(this.port)
				.contentType(ContentType.URLENC)
				.body("{\"username\": \"admin\", \"password\": \"admin\"}")
				.post(SignIn.API + "/login");
			login.then().statusCode(200);
			assertThat(login.detailedCookie(SignIn.COOKIE).isSecured()).isFalse();
		}

		@Test
		void sessionMadeOverHttpIsValidOverHttps() {
			String sid = SignIn.asAdmin(this.port);
			https(HTTPS_PORT).cookie(SignIn.COOKIE, sid)
				.get(SignIn.API + "/system")
				.then()
				.statusCode(200)
				.contentType("application/json");
		}

		@Test
		void browserOnTheHttpsPortIsSameOriginOnlyWithItsHttpsOrigin() {
			String body = "{\"username\": \"admin\", \"password\": \"admin\"}";
			https(HTTPS_PORT).header("Origin", "https://localhost:" + HTTPS_PORT)
				.contentType(ContentType.URLENC)
				.body(body)
				.post(SignIn.API + "/login")
				.then()
				.statusCode(200);
			https(HTTPS_PORT).header("Origin", "http://localhost:" + HTTPS_PORT)
				.contentType(ContentType.URLENC)
				.body(body)
				.post(SignIn.API + "/login")
				.then()
				.statusCode(403)
				.body("error.code", equalTo(403));
		}

		@Test
		void badInputOverTlsGetsTheEnvelope() {
			https(HTTPS_PORT).contentType(ContentType.URLENC)
				.body("{\"username\": \"admin\", ")
				.post(SignIn.API + "/login")
				.then()
				.statusCode(400)
				.body("error.code", equalTo(400));
		}

		@Test
		void selfSignedCertificateFailsVerificationAgainstTheExportedCa() {
			SSLContext exportedCa = trusting(this.certificates.directory().resolve("ca.pem"));
			assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> handshake(exportedCa, HTTPS_PORT));
		}

		@Test
		void selfSignedCertificateIsItsOwnIssuerAndServedToClientsThatTrustAll() throws Exception {
			X509Certificate served = handshake(trustAll(), HTTPS_PORT);
			assertThat(served.getIssuerX500Principal()).isEqualTo(served.getSubjectX500Principal());
			served.verify(served.getPublicKey());
			assertThat(served.getSubjectAlternativeNames())
				.anySatisfy((name) -> assertThat(name.get(1)).isEqualTo("localhost"));
		}

		@Test
		void controlApiGivesTheServedCertificate() throws Exception {
			String pem = given().port(this.port)
				.header("Authorization", "Bearer " + TOKEN)
				.get("/_emulator/certificates/web")
				.then()
				.statusCode(200)
				.extract()
				.asString();
			X509Certificate served = handshake(trustAll(), HTTPS_PORT);
			assertThat(readCertificate(pem)).isEqualTo(served);
		}

		@Test
		void webCertificateIsOwnerOnlyInTheTlsFolder() throws IOException {
			Path file = this.certificates.directory().resolve(WebCertificate.FILE);
			assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "emulator.https.certificate=ca")
	class IssuedByTheCa {

		private static final int HTTPS_PORT = freePort();

		@DynamicPropertySource
		static void httpsPort(DynamicPropertyRegistry registry) {
			registry.add("emulator.https.port", () -> HTTPS_PORT);
		}

		@Autowired
		TlsCertificates certificates;

		@Test
		void exportedCaVerifiesTheWebCertificateForLocalhost() throws IOException {
			X509Certificate served = handshake(trusting(this.certificates.directory().resolve("ca.pem")), HTTPS_PORT);
			assertThat(served.getIssuerX500Principal())
				.isEqualTo(this.certificates.current().ca().certificate().getSubjectX500Principal());
			assertThat(served).isNotEqualTo(this.certificates.current().server().certificate());
		}

		@Test
		void loginOverHttpsVerifiedWithTheExportedCa() {
			given().baseUri("https://localhost")
				.port(HTTPS_PORT)
				.trustStore(caTrustStore(this.certificates.directory().resolve("ca.pem")))
				.contentType(ContentType.URLENC)
				.body("{\"username\": \"admin\", \"password\": \"admin\"}")
				.post(SignIn.API + "/login")
				.then()
				.statusCode(200);
		}

	}

	static RequestSpecification https(int port) {
		return given().baseUri("https://localhost").port(port).relaxedHTTPSValidation();
	}

	/** A handshake with host name verification for {@code localhost}; the peer's leaf. */
	static X509Certificate handshake(SSLContext context, int port) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			assertThat(socket.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
			return (X509Certificate) socket.getSession().getPeerCertificates()[0];
		}
	}

	static KeyStore caTrustStore(Path caPem) {
		try (InputStream in = Files.newInputStream(caPem)) {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
			return store;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SSLContext trusting(Path caPem) {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(caTrustStore(caPem));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SSLContext trustAll() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new X509TrustManager() {

				@Override
				public void checkClientTrusted(X509Certificate[] chain, String authType) {
				}

				@Override
				public void checkServerTrusted(X509Certificate[] chain, String authType) {
				}

				@Override
				public X509Certificate[] getAcceptedIssuers() {
					return new X509Certificate[0];
				}

			} }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static X509Certificate readCertificate(String pem) throws GeneralSecurityException {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(
					new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
