package dev.csemu.tls;

/**
 * The answer of {@code GET /tls}, in the vendor's field order.
 *
 * @param enddate the client certificate's notAfter day, {@code YYYY-MM-DD}
 * @param outdatedNotify whether the user should be told it ends soon
 * @param startdate the client certificate's notBefore day, {@code YYYY-MM-DD}
 */
record TlsResponse(String enddate, boolean outdatedNotify, String startdate) {

	static TlsResponse of(TlsStatus status) {
		return new TlsResponse(status.endDate().toString(), status.outdatedNotify(), status.startDate().toString());
	}

}
