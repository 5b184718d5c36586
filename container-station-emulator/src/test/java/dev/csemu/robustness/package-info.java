/**
 * Robustness: a corpus of malformed requests, a bounded soak, a login flood and a crash
 * test of the TLS folder, all over loopback.
 */
package dev.csemu.robustness;
