package dev.csemu.auth;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dev.csemu.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * A sign-in refused, whatever the credentials, because the client's address is blocked or
 * the account is locked after repeated failures.
 */
class SignInBlockedException extends ApiException {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private SignInBlockedException(String message) {
		super(HttpStatus.FORBIDDEN, message);
	}

	static SignInBlockedException address(String address, Instant until, ZoneId zone) {
		return new SignInBlockedException(
				"too many failed sign-ins from " + address + "; blocked until " + FORMAT.format(until.atZone(zone)));
	}

	/** Names no account: the answer must not tell whether the name exists. */
	static SignInBlockedException account(Instant until, ZoneId zone) {
		return new SignInBlockedException(
				"too many failed sign-ins for this account; locked until " + FORMAT.format(until.atZone(zone)));
	}

}
