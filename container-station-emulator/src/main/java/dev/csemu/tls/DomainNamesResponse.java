package dev.csemu.tls;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /tls/domain_names}.
 *
 * @param domainNames the extra names, comma-separated; {@code ""} when there are none
 */
record DomainNamesResponse(@JsonProperty("domain_names") String domainNames) {

}
