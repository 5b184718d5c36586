package dev.csemu.network;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The {@code /system/bridge} body: the machine's adapters, or the fixture's as configured
 * under {@code emulator.host.fixture.bridge} (by default the vendor's two).
 *
 * @param adapters {@code data}: the adapters that are up, not loopback, and have an IPv4
 * address; a configured one needs {@code name}, {@code ip} and {@code netmask}, and gets
 * an empty {@code gateway} and the {@code display} {@code Adapter N} (N its position + 1)
 * when they are unset
 * @param defaultAdapter {@code default}: the 0-based index of the adapter that carries
 * the default route (0 when none does)
 */
public record BridgeResponse(@JsonProperty("data") List<Adapter> adapters,
		@JsonProperty("default") @DefaultValue("1") int defaultAdapter) {

	/** The vendor's example adapters. */
	static final List<Adapter> VENDOR_ADAPTERS = List.of(
			new Adapter(null, "Adapter 1", "192.168.180.254", "192.168.180.68", "eth0", "255.255.254.0"),
			new Adapter(null, "Adapter 2", "192.168.180.254", "192.168.181.160", "eth1", "255.255.254.0"));

	public BridgeResponse {
		List<Adapter> completed = new ArrayList<>();
		for (Adapter adapter : (adapters != null) ? adapters : VENDOR_ADAPTERS) {
			if (!StringUtils.hasText(adapter.name()) || !StringUtils.hasText(adapter.ip())
					|| !StringUtils.hasText(adapter.netmask())) {
				throw new IllegalArgumentException("emulator.host.fixture.bridge.adapters[" + completed.size()
						+ "] needs a name, an ip and a netmask");
			}
			completed.add(new Adapter(adapter.bridge(),
					(adapter.display() != null) ? adapter.display() : "Adapter " + (completed.size() + 1),
					(adapter.gateway() != null) ? adapter.gateway() : "", adapter.ip(), adapter.name(),
					adapter.netmask()));
		}
		adapters = List.copyOf(completed);
		if (defaultAdapter < 0 || (!adapters.isEmpty() && defaultAdapter >= adapters.size())) {
			throw new IllegalArgumentException(
					"emulator.host.fixture.bridge.default-adapter must be the index of a listed adapter");
		}
	}

	/**
	 * One adapter of {@code /system/bridge}.
	 *
	 * @param bridge the Linux bridge the adapter is enslaved to, or null
	 * @param display {@code Adapter N}, N its position + 1
	 * @param gateway the default route's gateway through the adapter, or empty
	 * @param ip its IPv4 address
	 * @param name the interface name, such as {@code eth0}
	 * @param netmask its IPv4 netmask, dotted
	 */
	public record Adapter(String bridge, String display, String gateway, String ip, String name, String netmask) {

	}

}
