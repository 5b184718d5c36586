/**
 * Sockets and adapters: {@code /system/port/{protocol}/{port}} from the kernel's socket
 * tables (a bind probe elsewhere), and {@code /system/bridge} from the machine's adapters
 * and routes; or both from the fixture.
 */
package dev.csemu.network;
