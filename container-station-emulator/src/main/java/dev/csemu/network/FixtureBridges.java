package dev.csemu.network;

import java.util.ArrayList;
import java.util.List;

import dev.csemu.system.HostProperties;

/**
 * The adapters {@code emulator.host.fixture.bridge} lists: by default the vendor's two.
 */
final class FixtureBridges implements Bridges {

	private final BridgeResponse response;

	FixtureBridges(HostProperties.Bridge bridge) {
		List<Adapter> data = new ArrayList<>();
		for (HostProperties.Adapter adapter : bridge.adapters()) {
			String display = (adapter.display() != null) ? adapter.display() : Adapter.display(data.size());
			data.add(new Adapter(adapter.bridge(), display, adapter.gateway(), adapter.ip(), adapter.name(),
					adapter.netmask()));
		}
		this.response = new BridgeResponse(data, bridge.defaultAdapter());
	}

	@Override
	public BridgeResponse current() {
		return this.response;
	}

}
