package dev.csemu.network;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fixture host's network, served when {@code emulator.host.source} is
 * {@code fixture}; by default the vendor's examples.
 *
 * @param usedPorts the ports {@code /system/port} reports as used: {@code tcp} (by
 * default 5000) and {@code udp} (by default none)
 * @param bridge the {@code /system/bridge} body: {@code adapters} and
 * {@code default-adapter}
 */
@ConfigurationProperties("emulator.host.fixture")
public record NetworkProperties(@DefaultValue UsedPorts usedPorts, @DefaultValue BridgeResponse bridge) {

}
