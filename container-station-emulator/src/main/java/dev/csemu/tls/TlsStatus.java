package dev.csemu.tls;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What {@code GET /tls} answers: the client certificate's dates, and whether to warn that
 * it ends soon, on the emulator's clock.
 *
 * @param startDate the client certificate's first valid day
 * @param endDate the client certificate's last valid day
 * @param outdatedNotify whether to warn: it ends within {@code notify-before} and the
 * warning was not dismissed
 */
record TlsStatus(LocalDate startDate, LocalDate endDate, boolean outdatedNotify) {

	static TlsStatus of(TlsGeneration generation, Clock clock, Duration notifyBefore) {
		X509Certificate client = generation.client().certificate();
		Instant notAfter = client.getNotAfter().toInstant();
		ZoneId zone = clock.getZone();
		boolean endsSoon = !notAfter.isAfter(clock.instant().plus(notifyBefore));
		return new TlsStatus(LocalDate.ofInstant(client.getNotBefore().toInstant(), zone),
				LocalDate.ofInstant(notAfter, zone), generation.outdatedNotify() && endsSoon);
	}

}
