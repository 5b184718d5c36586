package dev.csemu.network;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Port answers from the fixture, and port sets set at run time.
 */
class PortUsageTests {

	private final UsedPorts fixture = new UsedPorts(Set.of(5000, 22), Set.of());

	private final PortUsage ports = new PortUsage(this.fixture, null);

	@Test
	void theFixtureListsItsPortsInOrder() {
		assertThat(this.ports.used(Protocol.TCP, 5000)).isTrue();
		assertThat(this.ports.used(Protocol.UDP, 5000)).isFalse();
		assertThat(this.ports.listening().tcp()).containsExactly(22, 5000);
	}

	@Test
	void anOverrideReplacesTheSourceUntilCleared() {
		this.ports.override(Set.of(8080), Set.of(53));
		assertThat(this.ports.used(Protocol.TCP, 5000)).isFalse();
		assertThat(this.ports.used(Protocol.UDP, 53)).isTrue();
		assertThat(this.ports.listening().source()).isEqualTo("override");
		this.ports.clearOverride();
		assertThat(this.ports.used(Protocol.TCP, 5000)).isTrue();
	}

	@Test
	void portsOutsideTheRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.ports.override(Set.of(0), Set.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> this.ports.override(Set.of(), Set.of(65536)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.ports.used(Protocol.TCP, -1));
	}

	@Test
	void protocolsAreNamedExactlyAsInThePath() {
		assertThat(Protocol.fromPath("tcp")).contains(Protocol.TCP);
		assertThat(Protocol.fromPath("udp")).contains(Protocol.UDP);
		assertThat(Protocol.fromPath("TCP")).isEmpty();
		assertThat(Protocol.fromPath("icmp")).isEmpty();
	}

}
