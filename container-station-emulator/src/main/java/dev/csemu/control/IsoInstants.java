package dev.csemu.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import dev.csemu.web.ApiException;

/**
 * Instants as clients of the control API write them: ISO-8601, with or without an offset.
 */
final class IsoInstants {

	private IsoInstants() {
	}

	/**
	 * Parses an instant a client sent.
	 * @param value the text
	 * @param name the field's name, for the error
	 * @return the instant
	 * @throws ApiException 400 when it is not an instant
	 */
	static Instant parse(String value, String name) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException again) {
				throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
			}
		}
	}

}
