package dev.csemu.control;

import java.time.Instant;
import java.util.SortedSet;

import dev.csemu.clock.EmulatorClock;
import dev.csemu.network.PortUsage;
import dev.csemu.network.UsedPorts;
import dev.csemu.system.HostResources;
import dev.csemu.system.ResourceFigures;

/**
 * What a snapshot keeps of the control plane beside the TLS material: the clock and the
 * host overrides.
 *
 * @param clockSystem whether the clock followed real time
 * @param clockNow the clock's instant when saved (null when it followed real time)
 * @param clockFrozen whether the clock stood still
 * @param resource the {@code /system/resource} override, or null
 * @param tcp the used-TCP-ports override, or null
 * @param udp the used-UDP-ports override, or null
 */
record ControlState(boolean clockSystem, Instant clockNow, boolean clockFrozen, ResourceFigures resource,
		SortedSet<Integer> tcp, SortedSet<Integer> udp) {

	static ControlState capture(EmulatorClock clock, HostResources resources, PortUsage ports) {
		UsedPorts used = ports.overridden().orElse(null);
		return new ControlState(clock.isSystem(), clock.isSystem() ? null : clock.instant(), clock.isFrozen(),
				resources.overridden().orElse(null), (used != null) ? used.tcp() : null,
				(used != null) ? used.udp() : null);
	}

	void apply(EmulatorClock clock, HostResources resources, PortUsage ports) {
		if (this.clockSystem || this.clockNow == null) {
			clock.useSystemTime();
		}
		else {
			clock.freeze(this.clockFrozen);
			clock.set(this.clockNow);
		}
		if (this.resource != null) {
			resources.override(this.resource);
		}
		else {
			resources.clearOverride();
		}
		if (this.tcp != null && this.udp != null) {
			ports.override(this.tcp, this.udp);
		}
		else {
			ports.clearOverride();
		}
	}

}
