/**
 * Host facts: {@code /system} and {@code /system/resource}, from the real machine (OSHI
 * and /proc behind the {@link dev.csemu.system.HostProbe} seam) or from a documented
 * fixture.
 */
package dev.csemu.system;
