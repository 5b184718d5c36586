/**
 * Sockets and adapters: {@code /system/port/{protocol}/{port}} from the kernel's socket
 * tables (a bind probe elsewhere) behind the {@link dev.csemu.network.PortProbe} seam,
 * and {@code /system/bridge} from the machine's adapters and routes; or both from the
 * fixture.
 */
package dev.csemu.network;
