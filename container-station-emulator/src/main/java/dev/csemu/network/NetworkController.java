package dev.csemu.network;

import java.util.Map;

import dev.csemu.web.ApiException;
import dev.csemu.web.ContainerStationApi;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code GET /system/port/{protocol}/{port}} and {@code GET /system/bridge}.
 */
@ContainerStationApi
class NetworkController {

	private static final Map<String, Boolean> USED = Map.of("used", true);

	private static final Map<String, Boolean> FREE = Map.of("used", false);

	private final PortUsage ports;

	private final Bridges bridges;

	NetworkController(PortUsage ports, Bridges bridges) {
		this.ports = ports;
		this.bridges = bridges;
	}

	@GetMapping("/system/port/{protocol}/{port}")
	Map<String, Boolean> port(@PathVariable String protocol, @PathVariable String port) {
		Protocol checked = Protocol.fromPath(protocol)
			.orElseThrow(() -> ApiException.badRequest("protocol must be tcp or udp"));
		return this.ports.used(checked, parsePort(port)) ? USED : FREE;
	}

	@GetMapping("/system/bridge")
	BridgeResponse bridge() {
		return this.bridges.current();
	}

	/**
	 * A port as its path segment gives it: a decimal integer from 1 to 65535, without
	 * sign, leading zeros or fraction.
	 * @param segment the path segment
	 * @return the port
	 */
	static int parsePort(String segment) {
		if (segment.matches("[1-9][0-9]{0,4}") && Integer.parseInt(segment) <= PortUsage.MAX_PORT) {
			return Integer.parseInt(segment);
		}
		throw ApiException.badRequest("port must be an integer from 1 to 65535");
	}

}
