package dev.csemu.web;

import java.util.Collection;

/**
 * Names under which this emulator is reached, contributed by a feature (the host name,
 * the Docker certificate's {@code domain_names}): a browser may use them as Host and
 * Origin.
 */
@FunctionalInterface
public interface KnownHostNames {

	/**
	 * The names, current at the time of the call.
	 * @return host names or address literals
	 */
	Collection<String> hostNames();

}
