package dev.csemu.tls;

import dev.csemu.web.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /tls}: {@code {"outdatedNotify": false}}. The field is read as
 * any JSON value so that a wrong type is refused with a message naming the field.
 *
 * @param outdatedNotify the user's choice, as sent
 */
record OutdatedNotifyRequest(JsonNode outdatedNotify) {

	/**
	 * The checked value.
	 * @return false to dismiss the expiry warning, true to show it again
	 * @throws ApiException 400 when the field is missing, null or not a boolean
	 */
	boolean value() {
		if (this.outdatedNotify == null || this.outdatedNotify.isNull() || this.outdatedNotify.isMissingNode()) {
			throw ApiException.badRequest("outdatedNotify is required");
		}
		if (!this.outdatedNotify.isBoolean()) {
			throw ApiException.badRequest("outdatedNotify must be true or false");
		}
		return this.outdatedNotify.booleanValue();
	}

}
