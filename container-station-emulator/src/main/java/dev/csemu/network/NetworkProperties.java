package dev.csemu.network;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fixture host's network, served when {@code emulator.host.source} is
 * {@code fixture}; by default the vendor's examples.
 *
 * @param usedPorts the ports {@code /system/port} reports as used: {@code tcp} (by
 * default 5000) and {@code udp} (by default none)
 * @param bridge the adapters {@code /system/bridge} lists
 */
@ConfigurationProperties("emulator.host.fixture")
public record NetworkProperties(@DefaultValue UsedPorts usedPorts, @DefaultValue Bridge bridge) {

	/**
	 * The adapters of {@code /system/bridge}; by default the vendor's two.
	 *
	 * @param adapters the adapters, in the order listed; each needs {@code name},
	 * {@code ip} and {@code netmask}; {@code gateway} is empty, {@code bridge} null and
	 * {@code display} {@code Adapter N} (N its position + 1) when unset
	 * @param defaultAdapter the 0-based index of the adapter that carries the default
	 * route ({@code default})
	 */
	public record Bridge(List<Adapter> adapters, @DefaultValue("1") int defaultAdapter) {

		/** The vendor's example adapters. */
		static final List<Adapter> VENDOR_ADAPTERS = List.of(
				new Adapter(null, "Adapter 1", "192.168.180.254", "192.168.180.68", "eth0", "255.255.254.0"),
				new Adapter(null, "Adapter 2", "192.168.180.254", "192.168.181.160", "eth1", "255.255.254.0"));

		public Bridge {
			if (adapters == null) {
				adapters = VENDOR_ADAPTERS;
			}
			List<Adapter> completed = new ArrayList<>();
			for (Adapter adapter : adapters) {
				String name = "emulator.host.fixture.bridge.adapters[" + completed.size() + "]";
				if (blank(adapter.name()) || blank(adapter.ip()) || blank(adapter.netmask())) {
					throw new IllegalArgumentException(name + " needs a name, an ip and a netmask");
				}
				completed.add(new Adapter(adapter.bridge(),
						(adapter.display() != null) ? adapter.display() : Adapter.display(completed.size()),
						(adapter.gateway() != null) ? adapter.gateway() : "", adapter.ip(), adapter.name(),
						adapter.netmask()));
			}
			adapters = List.copyOf(completed);
			if (defaultAdapter < 0 || (!adapters.isEmpty() && defaultAdapter >= adapters.size())) {
				throw new IllegalArgumentException(
						"emulator.host.fixture.bridge.default-adapter must be the index of a listed adapter");
			}
		}

		private static boolean blank(String value) {
			return value == null || value.isBlank();
		}

	}

}
