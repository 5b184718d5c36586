package dev.csemu.network;

import java.util.Set;

import dev.csemu.support.SignIn;
import dev.csemu.system.FixtureEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.csemu.system.JsonBodyAssert.assertThatJson;

/**
 * {@code /system/port} and {@code /system/bridge} in the fixture source: the vendor's
 * examples, and port sets set at run time.
 */
@FixtureEmulatorTest
class NetworkEndpointsFixtureTests {

	@LocalServerPort
	int port;

	@Autowired
	PortUsage ports;

	String sid;

	@BeforeEach
	void signIn() {
		this.sid = SignIn.asAdmin(this.port);
	}

	@AfterEach
	void clearOverrides() {
		this.ports.clearOverride();
	}

	@Test
	void tcp5000IsUsedAsInTheVendorsExample() {
		assertThatJson(get("/system/port/tcp/5000")).isTheVendorExample("system-port-tcp-5000-response.json");
	}

	@Test
	void udp33806IsFreeAsInTheVendorsExample() {
		assertThatJson(get("/system/port/udp/33806")).isTheVendorExample("system-port-udp-33806-response.json");
	}

	@Test
	void portsOutsideTheFixtureAreFreeWhateverTheMachineHas() {
		assertThatJson(get("/system/port/tcp/" + this.port)).isTheVendorExample("system-port-udp-33806-response.json");
		assertThatJson(get("/system/port/udp/5000")).isTheVendorExample("system-port-udp-33806-response.json");
	}

	@Test
	void bridgeIsTheVendorsExample() {
		assertThatJson(get("/system/bridge")).isTheVendorExample("system-bridge-response.json");
	}

	@Test
	void overriddenPortSetsAreUsedUntilCleared() {
		this.ports.override(Set.of(8443), Set.of(33806));
		assertThatJson(get("/system/port/udp/33806")).isTheVendorExample("system-port-tcp-5000-response.json");
		assertThatJson(get("/system/port/tcp/8443")).isTheVendorExample("system-port-tcp-5000-response.json");
		assertThatJson(get("/system/port/tcp/5000")).isTheVendorExample("system-port-udp-33806-response.json");
		this.ports.clearOverride();
		assertThatJson(get("/system/port/tcp/5000")).isTheVendorExample("system-port-tcp-5000-response.json");
		assertThatJson(get("/system/port/udp/33806")).isTheVendorExample("system-port-udp-33806-response.json");
	}

	private String get(String route) {
		return SignIn.getJson(this.port, this.sid, SignIn.API + route);
	}

}
