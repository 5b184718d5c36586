package dev.csemu.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QTS "IP Access Protection": {@code maxFailures} failed sign-ins from one address within
 * {@code window} block that address's sign-ins for {@code block}, on the injected clock.
 * The table of addresses is bounded, so a scan from many addresses cannot exhaust memory.
 */
public final class AccessProtection {

	private static final Logger logger = LoggerFactory.getLogger(AccessProtection.class);

	private static final int MAX_TRACKED_ADDRESSES = 10_000;

	private final AuthProperties.AccessProtection settings;

	private final Clock clock;

	private final LinkedHashMap<String, Record> addresses = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
			return size() > MAX_TRACKED_ADDRESSES;
		}

	};

	AccessProtection(AuthProperties.AccessProtection settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Refuses a sign-in from a blocked address.
	 * @param address the client's address
	 * @throws AddressBlockedException while the address is blocked
	 */
	void checkAllowed(String address) {
		if (!this.settings.enabled()) {
			return;
		}
		Instant now = this.clock.instant();
		synchronized (this.addresses) {
			Record record = this.addresses.get(address);
			if (record != null && record.blockedUntil != null) {
				if (now.isBefore(record.blockedUntil)) {
					throw new AddressBlockedException(address, record.blockedUntil, this.clock.getZone());
				}
				this.addresses.remove(address);
			}
		}
	}

	/**
	 * Counts a failed sign-in; the one that reaches the limit blocks the address.
	 * @param address the client's address
	 */
	void recordFailure(String address) {
		if (!this.settings.enabled()) {
			return;
		}
		Instant now = this.clock.instant();
		synchronized (this.addresses) {
			Record record = this.addresses.computeIfAbsent(address, (key) -> new Record());
			Instant horizon = now.minus(this.settings.window());
			while (!record.failures.isEmpty() && !record.failures.peekFirst().isAfter(horizon)) {
				record.failures.removeFirst();
			}
			record.failures.addLast(now);
			if (record.failures.size() >= this.settings.maxFailures()) {
				record.failures.clear();
				record.blockedUntil = now.plus(this.settings.block());
				logger.warn("IP access protection: {} failed sign-ins from {} within {}; blocked until {}",
						this.settings.maxFailures(), address, this.settings.window(), record.blockedUntil);
			}
		}
	}

	/**
	 * Forgets an address's failures after it signed in.
	 * @param address the client's address
	 */
	void recordSuccess(String address) {
		synchronized (this.addresses) {
			this.addresses.remove(address);
		}
	}

	/**
	 * The addresses blocked now.
	 * @return a copy, in no particular order
	 */
	public List<BlockedAddress> blocks() {
		Instant now = this.clock.instant();
		List<BlockedAddress> blocked = new ArrayList<>();
		synchronized (this.addresses) {
			this.addresses.forEach((address, record) -> {
				if (record.blockedUntil != null && now.isBefore(record.blockedUntil)) {
					blocked.add(new BlockedAddress(address, record.blockedUntil));
				}
			});
		}
		return blocked;
	}

	/** Lifts every block and forgets every failure. */
	public void clear() {
		synchronized (this.addresses) {
			this.addresses.clear();
		}
	}

	private static final class Record {

		private final ArrayDeque<Instant> failures = new ArrayDeque<>();

		private Instant blockedUntil;

	}

}
