package dev.csemu.tls;

import dev.csemu.web.ApiException;
import dev.csemu.web.ContainerStationApi;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Container Station's certificate routes: {@code /tls}, {@code /tls/domain_names},
 * {@code /tls/export} and {@code /tls/rotation}. The admin-only rule of the writes and
 * the export lives in the security configuration. The feature's own exceptions become the
 * envelope here.
 */
@ContainerStationApi
class TlsController {

	private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	private final TlsCertificates certificates;

	TlsController(TlsCertificates certificates) {
		this.certificates = certificates;
	}

	@GetMapping("/tls")
	TlsResponse tls() {
		return TlsResponse.of(this.certificates.status());
	}

	@PostMapping("/tls")
	ResultResponse setOutdatedNotify(@RequestBody OutdatedNotifyRequest body) {
		this.certificates.setOutdatedNotify(body.value());
		return ResultResponse.OK;
	}

	@GetMapping("/tls/domain_names")
	DomainNamesResponse domainNames() {
		return new DomainNamesResponse(String.join(",", this.certificates.current().domainNames()));
	}

	@PutMapping("/tls/domain_names")
	ResultResponse setDomainNames(@RequestBody DomainNamesRequest body) {
		try {
			this.certificates.setDomainNames(body.entries());
		}
		catch (InvalidDomainNamesException ex) {
			throw ApiException.badRequest(ex.getMessage());
		}
		return ResultResponse.OK;
	}

	@GetMapping("/tls/export")
	ResponseEntity<byte[]> export() {
		return ResponseEntity.ok()
			.contentType(ZIP)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("cert.zip").build().toString())
			.body(this.certificates.exportBundle());
	}

	@PostMapping("/tls/rotation")
	ResultResponse rotate() {
		this.certificates.rotateClient();
		return ResultResponse.OK;
	}

}
