package dev.csemu.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.csemu.auth.AccessProtection.SignInBlockedException;
import dev.csemu.auth.SessionStore.Session;
import dev.csemu.auth.SessionStore.SignInMethod;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.codec.binary.Base32;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * QTS's {@code /cgi-bin/authLogin.cgi}, where a client gets the sid that Container
 * Station's sid login accepts (with RFC 6238 codes for 2-step accounts: SHA-1, 30 s
 * steps, 6 digits, one step of tolerance either side, on the injected clock), and
 * {@code /cgi-bin/authLogout.cgi}, where it ends it. Answers QTS's XML.
 */
@RestController
class QtsAuthLoginController {

	private static final MediaType TEXT_XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

	private static final Duration TWO_STEP = Duration.ofSeconds(30);

	private final TimeBasedOneTimePasswordGenerator twoStep = new TimeBasedOneTimePasswordGenerator(TWO_STEP, 6);

	private final Accounts accounts;

	private final SessionStore sessions;

	private final SessionStore qtsSids;

	private final AccessProtection accessProtection;

	private final Clock clock;

	QtsAuthLoginController(Accounts accounts, @Qualifier("sessionStore") SessionStore sessions,
			@Qualifier("qtsSidStore") SessionStore qtsSids, AccessProtection accessProtection, Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.qtsSids = qtsSids;
		this.accessProtection = accessProtection;
		this.clock = clock;
	}

	/**
	 * A password (the name in any case), then for 2-step accounts a current code not used
	 * before.
	 */
	@RequestMapping(path = "/cgi-bin/authLogin.cgi", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> authLogin(@RequestParam(name = "user", required = false) String user,
			@RequestParam(name = "pwd", required = false) String pwd,
			@RequestParam(name = "plain_pwd", required = false) String plainPassword,
			@RequestParam(name = "security_code", required = false) String securityCode, HttpServletRequest request) {
		String password = (plainPassword != null) ? plainPassword : ezDecode(pwd);
		String address = request.getRemoteAddr();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("authPassed", "0");
		try {
			Accounts.Account account = (user != null && password != null)
					? this.accessProtection.checkPassword(this.accounts, user, password, address).orElse(null) : null;
			if (account == null) {
				fields.put("errorValue", "-1");
			}
			else if (account.user().hasTwoStep() && securityCode == null) {
				fields.put("need_2sv", "1");
			}
			else if (account.user().hasTwoStep() && !claimTwoStepCode(account, securityCode)) {
				this.accessProtection.recordFailure(address, account.name());
				fields.put("need_2sv", "1");
			}
			else {
				Session sid = this.qtsSids.create(account.name(), account.user().admin(),
						account.user().hasTwoStep() ? SignInMethod.TWO_STEP : SignInMethod.PASSWORD, address, null,
						null);
				fields.put("authPassed", "1");
				fields.put("authSid", sid.id());
				fields.put("username", sid.username());
				fields.put("isAdmin", sid.admin() ? "1" : "0");
				fields.put("groupname", sid.admin() ? "administrators" : "everyone");
			}
		}
		catch (SignInBlockedException ex) {
			fields.put("errorValue", "-2");
			fields.put("errorMessage", ex.getMessage());
			return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(TEXT_XML).body(xml(fields));
		}
		return ResponseEntity.ok().contentType(TEXT_XML).body(xml(fields));
	}

	/**
	 * QTS's sign-out, {@code authLogout.cgi?logout=1&sid=...}: ends the sid and every
	 * Container Station session opened with it. {@code authLogout} is 1 when a live sid
	 * was ended, 0 otherwise (no {@code logout=1}, or an unknown or expired sid).
	 */
	@RequestMapping(path = "/cgi-bin/authLogout.cgi", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> authLogout(@RequestParam(name = "logout", required = false) String logout,
			@RequestParam(name = "sid", required = false) String sid) {
		boolean ended = "1".equals(logout) && this.qtsSids.endSid(sid, this.sessions);
		return ResponseEntity.ok().contentType(TEXT_XML).body(xml(Map.of("authLogout", ended ? "1" : "0")));
	}

	/** QNAP's "ezEncode" is base64 of the UTF-8 password. */
	private static String ezDecode(String pwd) {
		if (pwd == null) {
			return null;
		}
		try {
			return new String(Base64.getDecoder().decode(pwd.trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Not base64: it cannot match any password.
			return "\u0000" + pwd;
		}
	}

	/**
	 * Whether a code is valid now for the account's secret and newer than the last one it
	 * used. Every step within the tolerance is checked, whichever matches.
	 */
	private boolean claimTwoStepCode(Accounts.Account account, String code) {
		if (!code.matches("\\d{6}")) {
			return false;
		}
		int expected = Integer.parseInt(code);
		byte[] secret = new Base32().decode(account.user().twoStepSecret().replace(" ", "").toUpperCase(Locale.ROOT));
		SecretKeySpec key = new SecretKeySpec(secret, this.twoStep.getAlgorithm());
		Instant now = this.clock.instant();
		OptionalLong matched = OptionalLong.empty();
		try {
			for (int offset = -1; offset <= 1; offset++) {
				Instant at = now.plus(TWO_STEP.multipliedBy(offset));
				if (this.twoStep.generateOneTimePassword(key, at) == expected) {
					matched = OptionalLong.of(Math.floorDiv(at.getEpochSecond(), TWO_STEP.toSeconds()));
				}
			}
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("Unusable 2-step secret", ex);
		}
		return matched.isPresent() && this.accessProtection.claimTwoStepStep(account.name(), matched.getAsLong());
	}

	private static String xml(Map<String, String> fields) {
		StringBuilder xml = new StringBuilder(
				"<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<QDocRoot version=\"1.0\">\n");
		fields.forEach((name, value) -> xml.append('<')
			.append(name)
			.append("><![CDATA[")
			.append(value.replace("]]>", "]]]]><![CDATA[>"))
			.append("]]></")
			.append(name)
			.append(">\n"));
		return xml.append("</QDocRoot>\n").toString();
	}

}
