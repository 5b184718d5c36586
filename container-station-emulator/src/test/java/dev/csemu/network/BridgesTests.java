package dev.csemu.network;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.csemu.network.BridgeResponse.Adapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assembling {@code /system/bridge} from the kernel's words: routes, netmasks and bridge
 * masters. The machine itself is checked by {@link NetworkEndpointsLiveTests}; a Linux
 * bridge, which this machine may not have, is laid out in a temporary sysfs.
 */
class BridgesTests {

	private static final List<String> ROUTES = List.of(
			"Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
			"eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
			"eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
			"eth1\t00000000\tFEB4A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
			"eth1\t00000000\tFDB4A8C0\t0003\t0\t0\t50\t00000000\t0\t0\t0",
			"wg0\t00000000\t00000000\t0001\t0\t0\t500\t00000000\t0\t0\t0");

	@Test
	void defaultRoutesKeepTheLowestMetricPerInterface() {
		Map<String, Bridges.DefaultRoute> routes = Bridges.defaultRoutes(ROUTES, ByteOrder.LITTLE_ENDIAN);
		assertThat(routes).containsOnlyKeys("eth0", "eth1", "wg0");
		assertThat(routes.get("eth0")).isEqualTo(new Bridges.DefaultRoute("192.0.2.1", 100));
		assertThat(routes.get("eth1")).isEqualTo(new Bridges.DefaultRoute("192.168.180.254", 0));
		assertThat(routes.get("wg0").gateway()).isEmpty();
	}

	@Test
	void addressesArePrintedInTheKernelsByteOrder() {
		assertThat(Bridges.dotted("010200C0", ByteOrder.LITTLE_ENDIAN)).isEqualTo("192.0.2.1");
		assertThat(Bridges.dotted("C0000201", ByteOrder.BIG_ENDIAN)).isEqualTo("192.0.2.1");
	}

	@Test
	void prefixLengthsBecomeDottedNetmasks() {
		assertThat(Bridges.netmask(23)).isEqualTo("255.255.254.0");
		assertThat(Bridges.netmask(24)).isEqualTo("255.255.255.0");
		assertThat(Bridges.netmask(32)).isEqualTo("255.255.255.255");
		assertThat(Bridges.netmask(0)).isEqualTo("0.0.0.0");
	}

	@Test
	void theVendorsTwoAdaptersAssembleIntoTheVendorsBody() {
		BridgeResponse response = Bridges.assemble(
				List.of(new Bridges.Nic("eth0", 2, "192.168.180.68", 23),
						new Bridges.Nic("eth1", 3, "192.168.181.160", 23)),
				Bridges.defaultRoutes(List.of("Iface Destination Gateway Flags RefCnt Use Metric Mask",
						"eth0 00000000 FEB4A8C0 0003 0 0 100 00000000", "eth1 00000000 FEB4A8C0 0003 0 0 0 00000000"),
						ByteOrder.LITTLE_ENDIAN),
				(name) -> null);
		assertThat(response).isEqualTo(new BridgeResponse(
				List.of(new Adapter(null, "Adapter 1", "192.168.180.254", "192.168.180.68", "eth0", "255.255.254.0"),
						new Adapter(null, "Adapter 2", "192.168.180.254", "192.168.181.160", "eth1", "255.255.254.0")),
				1));
	}

	@Test
	void withoutADefaultRouteTheFirstAdapterIsTheDefault() {
		BridgeResponse response = Bridges.assemble(List.of(new Bridges.Nic("eth0", 2, "10.0.0.2", 8)), Map.of(),
				(name) -> null);
		assertThat(response.defaultAdapter()).isZero();
		assertThat(response.adapters().get(0).gateway()).isEmpty();
	}

	@Test
	void anAdapterEnslavedToABridgeNamesIt(@TempDir Path sys) throws IOException {
		Files.createDirectories(sys.resolve("br0/bridge"));
		Files.createDirectories(sys.resolve("bond0/bonding"));
		Files.createDirectories(sys.resolve("eth0"));
		Files.createDirectories(sys.resolve("eth1"));
		Files.createDirectories(sys.resolve("eth2"));
		Files.createSymbolicLink(sys.resolve("eth0/master"), Path.of("../br0"));
		Files.createSymbolicLink(sys.resolve("eth1/master"), Path.of("../bond0"));
		Bridges bridges = new Bridges(null, sys, sys.resolve("no-route"));
		assertThat(bridges.bridgeOf("eth0")).isEqualTo("br0");
		assertThat(bridges.bridgeOf("eth1")).isNull();
		assertThat(bridges.bridgeOf("eth2")).isNull();
		assertThat(bridges.bridgeOf("missing")).isNull();
	}

}
