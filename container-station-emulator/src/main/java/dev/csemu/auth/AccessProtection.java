package dev.csemu.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QTS's "IP Access Protection" and "Account Access Protection": failed sign-ins from one
 * address block that address, and failed passwords or 2-step codes for one account lock
 * that account whatever the address, each for {@code block}, on the injected clock. Also
 * remembers each account's last accepted 2-step code, so that no code is accepted twice
 * (RFC 6238 §5.2).
 */
public final class AccessProtection {

	private static final Logger logger = LoggerFactory.getLogger(AccessProtection.class);

	/**
	 * Addresses, and names that are no account, tracked at most: a scan cannot exhaust
	 * memory.
	 */
	private static final int MAX_TRACKED = 10_000;

	private final AuthProperties.AccessProtection settings;

	private final Clock clock;

	private final FailureTable addresses;

	private final FailureTable accounts;

	/** The time step of each 2-step account's last accepted code. */
	private final Map<String, Long> usedTwoStepSteps = new ConcurrentHashMap<>();

	/**
	 * The protection.
	 * @param settings thresholds, window and block
	 * @param clock the emulator's clock
	 * @param configuredAccount whether an account key names a configured account (those
	 * are never dropped from the table to make room)
	 */
	AccessProtection(AuthProperties.AccessProtection settings, Clock clock, Predicate<String> configuredAccount) {
		this.settings = settings;
		this.clock = clock;
		this.addresses = new FailureTable(settings.maxFailures(), settings.window(), settings.block(), clock,
				MAX_TRACKED, (address) -> false);
		this.accounts = new FailureTable(settings.accountMaxFailures(), settings.window(), settings.block(), clock,
				MAX_TRACKED, configuredAccount);
	}

	/**
	 * Refuses a sign-in from a blocked address or for a locked account.
	 * @param address the client's address
	 * @param account the account's key, or null when the sign-in names none (a sid)
	 * @throws SignInBlockedException while the address is blocked or the account locked
	 */
	void checkAllowed(String address, String account) {
		this.addresses.blockedUntil(address).ifPresent((until) -> {
			throw SignInBlockedException.address(address, until, this.clock.getZone());
		});
		this.accounts.blockedUntil(account).ifPresent((until) -> {
			throw SignInBlockedException.account(until, this.clock.getZone());
		});
	}

	/**
	 * Counts a failed sign-in against the address and the account; the one that reaches a
	 * limit blocks the address or locks the account.
	 * @param address the client's address
	 * @param account the account's key, or null when the sign-in names none
	 */
	void recordFailure(String address, String account) {
		this.addresses.recordFailure(address)
			.ifPresent((until) -> logger.warn(
					"IP access protection: {} failed sign-ins from {} within {}; blocked until {}",
					this.settings.maxFailures(), address, this.settings.window(), until));
		this.accounts.recordFailure(account)
			.ifPresent((until) -> logger.warn(
					"Account access protection: {} failed sign-ins for account '{}' within {}; locked until {}",
					this.settings.accountMaxFailures(), account, this.settings.window(), until));
	}

	/**
	 * Takes a 2-step code's time step for an account, once: a step that is not newer than
	 * the last one accepted is a replay.
	 * @param account the account's key
	 * @param step the time step of the code the client sent
	 * @return true when the code was not used before
	 */
	boolean claimTwoStepStep(String account, long step) {
		AtomicBoolean claimed = new AtomicBoolean();
		this.usedTwoStepSteps.compute(account, (name, last) -> {
			if (last != null && step <= last) {
				return last;
			}
			claimed.set(true);
			return step;
		});
		return claimed.get();
	}

	/**
	 * The addresses blocked and the accounts locked now, the soonest released first.
	 * @return each block with its release time
	 */
	public List<Block> blocks() {
		List<Block> blocks = new ArrayList<>();
		this.addresses.blocked()
			.forEach((entry) -> blocks.add(new Block(Kind.ADDRESS, entry.getKey(), entry.getValue())));
		this.accounts.blocked()
			.forEach((entry) -> blocks.add(new Block(Kind.ACCOUNT, entry.getKey(), entry.getValue())));
		blocks.sort(Comparator.comparing(Block::until));
		return blocks;
	}

	/** Lifts every block, forgets every failure and every used 2-step code. */
	public void clear() {
		this.addresses.clear();
		this.accounts.clear();
		this.usedTwoStepSteps.clear();
	}

	/** What a block holds back. */
	public enum Kind {

		/** A client address: every sign-in from it. */
		ADDRESS,

		/** An account: every sign-in to it, from any address. */
		ACCOUNT

	}

	/**
	 * A block in force.
	 *
	 * @param kind an address or an account
	 * @param name the address, or the account's configured name (a name that is no
	 * account, in lower case)
	 * @param until when it is released
	 */
	public record Block(Kind kind, String name, Instant until) {

	}

}
