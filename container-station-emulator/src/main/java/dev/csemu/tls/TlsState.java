package dev.csemu.tls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole durable TLS state as text (PEM certificates, PKCS#8 PEM keys, hexadecimal
 * serials): what {@code tls-state.json} holds, and what the control plane keeps in a
 * snapshot and gives back on restore. Whether it holds together is checked when it is
 * made current.
 */
public record TlsState(int format, @JsonProperty("ca_certificate") String caCertificate,
		@JsonProperty("ca_key") String caKey, @JsonProperty("server_certificate") String serverCertificate,
		@JsonProperty("server_key") String serverKey, @JsonProperty("client_certificate") String clientCertificate,
		@JsonProperty("client_key") String clientKey, @JsonProperty("domain_names") List<String> domainNames,
		boolean outdatedNotify, @JsonProperty("retired_client_serials") List<String> retiredClientSerials) {

	static final int FORMAT = 1;

	@Override
	public String toString() {
		// Never print a key.
		return "TlsState[domainNames=" + this.domainNames + ", outdatedNotify=" + this.outdatedNotify
				+ ", retiredClientSerials=" + this.retiredClientSerials + "]";
	}

}
