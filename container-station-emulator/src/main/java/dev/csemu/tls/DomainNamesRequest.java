package dev.csemu.tls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.web.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /tls/domain_names}: {@code {"domain_names":
 * "a.example.com,10.0.0.5"}}. The field is read as any JSON value so that a wrong type is
 * refused with a message naming the field.
 *
 * @param domainNames the comma-separated names, as sent
 */
record DomainNamesRequest(@JsonProperty("domain_names") JsonNode domainNames) {

	/**
	 * The checked entries.
	 * @return the trimmed entries; empty when the value is blank
	 * @throws ApiException 400 when the field is missing or not a string
	 * @throws InvalidDomainNamesException when it holds a bad entry
	 */
	List<String> entries() {
		if (this.domainNames == null || this.domainNames.isNull() || this.domainNames.isMissingNode()) {
			throw ApiException.badRequest("domain_names is required");
		}
		if (!this.domainNames.isString()) {
			throw ApiException
				.badRequest("domain_names must be a string of comma-separated DNS host names and IP addresses");
		}
		return DomainNames.parse(this.domainNames.stringValue());
	}

}
