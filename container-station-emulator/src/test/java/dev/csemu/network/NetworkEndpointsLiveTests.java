package dev.csemu.network;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.csemu.support.SignIn;
import dev.csemu.system.LiveEmulatorTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code /system/port} and {@code /system/bridge} in the live source, replaying the
 * vendor's curl calls against real sockets and this machine's adapters.
 */
@LiveEmulatorTest
class NetworkEndpointsLiveTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	String sid;

	@BeforeEach
	void signIn() {
		this.sid = SignIn.asAdmin(this.port);
	}

	@Test
	void aTcpPortIsUsedWhileASocketListensOnItOverIpv4() throws IOException {
		int listened;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			listened = socket.getLocalPort();
			assertThat(used("tcp", listened)).isTrue();
			assertThat(used("udp", listened)).isFalse();
		}
		assertThat(used("tcp", listened)).isFalse();
	}

	@Test
	void aTcpPortIsUsedWhileASocketListensOnItOverIpv6() throws IOException {
		ServerSocket socket = Ipv6.listener();
		int listened = socket.getLocalPort();
		try (socket) {
			assertThat(used("tcp", listened)).isTrue();
		}
		assertThat(used("tcp", listened)).isFalse();
	}

	@Test
	void aUdpPortIsUsedWhileASocketIsBoundToIt() throws IOException {
		int bound;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			bound = socket.getLocalPort();
			assertThat(used("udp", bound)).isTrue();
			assertThat(used("tcp", bound)).isFalse();
		}
		assertThat(used("udp", bound)).isFalse();
	}

	@Test
	void theEmulatorsOwnPortIsUsed() {
		assertThat(used("tcp", this.port)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "icmp/80", "TCP/80", "Udp/53", "tcp/0", "tcp/65536", "tcp/-1", "tcp/abc", "tcp/80.5",
			"udp/99999999999", "tcp/080", "tcp/+80", "tcp/1e3", "tcp/%20" })
	void anythingButTcpOrUdpAndAPortFrom1To65535IsABadRequest(String path) {
		String body = given().port(this.port)
			.cookie(SignIn.COOKIE, this.sid)
			.urlEncodingEnabled(false)
			.get(SignIn.API + "/system/port/" + path)
			.then()
			.statusCode(400)
			.contentType("application/json")
			.extract()
			.asString();
		JsonNode error = JSON.readTree(body).get("error");
		assertThat(error.get("code").asInt()).isEqualTo(400);
		assertThat(error.get("message").asString()).isNotBlank();
	}

	@Test
	void bridgeListsEveryAdapterThatIsUpNotLoopbackAndHasAnIpv4Address() throws IOException {
		JsonNode bridge = JSON.readTree(get(SignIn.API + "/system/bridge"));
		List<NetworkInterface> expected = upIpv4Adapters();
		JsonNode data = bridge.get("data");
		assertThat(data.size()).isEqualTo(expected.size());
		for (int i = 0; i < data.size(); i++) {
			JsonNode adapter = data.get(i);
			assertThat(adapter.propertyNames()).containsExactly("bridge", "display", "gateway", "ip", "name",
					"netmask");
			assertThat(adapter.get("display").asString()).isEqualTo("Adapter " + (i + 1));
			NetworkInterface nif = NetworkInterface.getByName(adapter.get("name").asString());
			assertThat(expected).contains(nif);
			InterfaceAddress address = ipv4(nif).orElseThrow();
			assertThat(adapter.get("ip").asString()).isEqualTo(address.getAddress().getHostAddress());
			assertThat(adapter.get("netmask").asString()).isEqualTo(netmask(address.getNetworkPrefixLength()));
			assertThat(adapter.get("bridge").isNull() || adapter.get("bridge").isString()).isTrue();
		}
	}

	@Test
	void bridgesDefaultIsTheAdapterCarryingTheDefaultRoute() throws IOException {
		Path route = Path.of("/proc/net/route");
		assumeThat(Files.isReadable(route)).isTrue();
		Optional<String[]> defaultRoute = Files.readAllLines(route)
			.stream()
			.skip(1)
			.map((line) -> line.trim().split("\\s+"))
			.filter((fields) -> fields[1].equals("00000000") && fields[7].equals("00000000"))
			.findFirst();
		assumeThat(defaultRoute).isPresent();
		JsonNode bridge = JSON.readTree(get(SignIn.API + "/system/bridge"));
		JsonNode carrier = bridge.get("data").get(bridge.get("default").asInt());
		assertThat(carrier.get("name").asString()).isEqualTo(defaultRoute.get()[0]);
		assertThat(carrier.get("gateway").asString()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
	}

	private boolean used(String protocol, int port) {
		return JSON.readTree(get(SignIn.API + "/system/port/" + protocol + "/" + port)).get("used").asBoolean();
	}

	private String get(String path) {
		return SignIn.getJson(this.port, this.sid, path);
	}

	private static List<NetworkInterface> upIpv4Adapters() throws SocketException {
		List<NetworkInterface> adapters = new ArrayList<>();
		for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
			if (nif.isUp() && !nif.isLoopback() && ipv4(nif).isPresent()) {
				adapters.add(nif);
			}
		}
		return adapters;
	}

	private static Optional<InterfaceAddress> ipv4(NetworkInterface nif) {
		return nif.getInterfaceAddresses()
			.stream()
			.filter((address) -> address.getAddress() instanceof Inet4Address)
			.findFirst();
	}

	private static String netmask(int prefix) {
		int[] octets = new int[4];
		for (int bit = 0; bit < prefix; bit++) {
			octets[bit / 8] |= 0x80 >> (bit % 8);
		}
		return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
	}

}
