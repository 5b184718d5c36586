package dev.csemu.tls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.csemu.web.ApiException;
import dev.csemu.web.ContainerStationApi;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Container Station's certificate routes, in the vendor's JSON. The admin-only rule of
 * the writes and the export lives in the security configuration. Request fields are read
 * as any JSON value, so that a wrong type is refused with a message naming the field.
 */
@ContainerStationApi
class TlsController {

	private static final Result OK = new Result(true);

	private final TlsCertificates certificates;

	TlsController(TlsCertificates certificates) {
		this.certificates = certificates;
	}

	@GetMapping("/tls")
	TlsResponse tls() {
		TlsCertificates.Status status = this.certificates.status();
		return new TlsResponse(status.endDate().toString(), status.outdatedNotify(), status.startDate().toString());
	}

	@PostMapping("/tls")
	Result setOutdatedNotify(@RequestBody OutdatedNotifyRequest body) {
		JsonNode value = required(body.outdatedNotify(), "outdatedNotify");
		if (!value.isBoolean()) {
			throw ApiException.badRequest("outdatedNotify must be true or false");
		}
		this.certificates.setOutdatedNotify(value.booleanValue());
		return OK;
	}

	@GetMapping("/tls/domain_names")
	DomainNamesResponse domainNames() {
		return new DomainNamesResponse(String.join(",", this.certificates.current().domainNames()));
	}

	@PutMapping("/tls/domain_names")
	Result setDomainNames(@RequestBody DomainNamesRequest body) {
		JsonNode value = required(body.domainNames(), "domain_names");
		if (!value.isString()) {
			throw ApiException
				.badRequest("domain_names must be a string of comma-separated DNS host names and IP addresses");
		}
		List<String> names;
		try {
			names = DomainNames.parse(value.stringValue());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		this.certificates.setDomainNames(names);
		return OK;
	}

	@GetMapping("/tls/export")
	ResponseEntity<byte[]> export() {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("cert.zip").build().toString())
			.body(this.certificates.exportBundle());
	}

	@PostMapping("/tls/rotation")
	Result rotate() {
		this.certificates.rotateClient();
		return OK;
	}

	private static JsonNode required(JsonNode value, String name) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			throw ApiException.badRequest(name + " is required");
		}
		return value;
	}

	/** {@code GET /tls}: the client certificate's dates, in the vendor's field order. */
	record TlsResponse(String enddate, boolean outdatedNotify, String startdate) {
	}

	/** {@code POST /tls}: {@code {"outdatedNotify": false}} dismisses the warning. */
	record OutdatedNotifyRequest(JsonNode outdatedNotify) {
	}

	/** {@code GET /tls/domain_names}: comma-separated, {@code ""} when there are none. */
	record DomainNamesResponse(@JsonProperty("domain_names") String domainNames) {
	}

	/**
	 * {@code PUT /tls/domain_names}: {@code {"domain_names": "a.example.com,10.0.0.5"}}.
	 */
	record DomainNamesRequest(@JsonProperty("domain_names") JsonNode domainNames) {
	}

	/**
	 * The answer of every write: {@code {"result": true}}; failures answer the envelope.
	 */
	record Result(boolean result) {
	}

}
