package dev.csemu.auth;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dev.csemu.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * A sign-in refused because the client's address is blocked.
 */
class AddressBlockedException extends ApiException {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	AddressBlockedException(String address, Instant until, ZoneId zone) {
		super(HttpStatus.FORBIDDEN,
				"too many failed sign-ins from " + address + "; blocked until " + FORMAT.format(until.atZone(zone)));
	}

}
