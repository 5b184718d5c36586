package dev.csemu.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * QTS's {@code /cgi-bin/authLogin.cgi}, where a client gets the sid that Container
 * Station's sid login accepts (including for 2-step accounts), and
 * {@code /cgi-bin/authLogout.cgi}, where it ends it. Answers QTS's XML.
 */
@RestController
class QtsAuthLoginController {

	private static final MediaType TEXT_XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

	private final SignInService signIn;

	QtsAuthLoginController(SignInService signIn) {
		this.signIn = signIn;
	}

	@RequestMapping(path = "/cgi-bin/authLogin.cgi", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> authLogin(@RequestParam(name = "user", required = false) String user,
			@RequestParam(name = "pwd", required = false) String pwd,
			@RequestParam(name = "plain_pwd", required = false) String plainPassword,
			@RequestParam(name = "security_code", required = false) String securityCode, HttpServletRequest request) {
		String password = (plainPassword != null) ? plainPassword : ezDecode(pwd);
		Map<String, String> fields = new LinkedHashMap<>();
		HttpStatus status = HttpStatus.OK;
		if (user == null || password == null) {
			fields.put("authPassed", "0");
			fields.put("errorValue", "-1");
		}
		else {
			try {
				SignInService.QtsSignIn result = this.signIn.qtsLogin(user, password, securityCode,
						request.getRemoteAddr());
				fields.put("authPassed", (result.sid() != null) ? "1" : "0");
				if (result.sid() != null) {
					fields.put("authSid", result.sid().id());
					fields.put("username", result.sid().username());
					fields.put("isAdmin", result.sid().admin() ? "1" : "0");
					fields.put("groupname", result.sid().admin() ? "administrators" : "everyone");
				}
				else if (result.needTwoStep()) {
					fields.put("need_2sv", "1");
				}
				else {
					fields.put("errorValue", "-1");
				}
			}
			catch (SignInBlockedException ex) {
				status = HttpStatus.FORBIDDEN;
				fields.put("authPassed", "0");
				fields.put("errorValue", "-2");
				fields.put("errorMessage", ex.getMessage());
			}
		}
		return ResponseEntity.status(status).contentType(TEXT_XML).body(xml(fields));
	}

	/**
	 * QTS's sign-out, {@code authLogout.cgi?logout=1&sid=...}: ends the sid and every
	 * Container Station session opened with it. {@code authLogout} is 1 when a live sid
	 * was ended, 0 otherwise (no {@code logout=1}, or an unknown or expired sid).
	 */
	@RequestMapping(path = "/cgi-bin/authLogout.cgi", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> authLogout(@RequestParam(name = "logout", required = false) String logout,
			@RequestParam(name = "sid", required = false) String sid) {
		boolean ended = "1".equals(logout) && this.signIn.qtsLogout(sid);
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
