package dev.csemu.network;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code /system/bridge} body.
 *
 * @param data the adapters that are up, not loopback, and have an IPv4 address
 * @param defaultAdapter {@code default}: the 0-based index of the adapter that carries
 * the default route (0 when none does)
 */
public record BridgeResponse(List<Adapter> data, @JsonProperty("default") int defaultAdapter) {

	public BridgeResponse {
		data = List.copyOf(data);
	}

}
