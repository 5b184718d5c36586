package dev.csemu.junit;

import java.net.URI;

/**
 * A running emulator, as a test sees it.
 */
public interface ContainerStationEmulator {

	/**
	 * The HTTP port.
	 * @return the port
	 */
	int port();

	/**
	 * Where the emulator answers, such as {@code http://127.0.0.1:41234}.
	 * @return the base URL
	 */
	URI baseUrl();

	/**
	 * The current Container Station API base, {@code <baseUrl>/container-station/api/v1}.
	 * @return the API's base URL
	 */
	URI apiUrl();

	/**
	 * The control API's client.
	 * @return the client
	 */
	EmulatorControl control();

}
