package dev.csemu.tls;

import java.io.IOException;

/**
 * A step of a durable write after which a crash is survivable. Production code passes
 * {@link #NONE}; tests inject a failure at each step in turn to prove that whatever the
 * moment of a crash, the next start finds a complete set.
 */
@FunctionalInterface
interface CrashPoint {

	/** No injected failures. */
	CrashPoint NONE = (step) -> {
	};

	/**
	 * Called once the named step is done.
	 * @param step what was just done, such as {@code wrote ca.pem}
	 * @throws IOException to simulate a failure at that point
	 */
	void reached(String step) throws IOException;

}
