/**
 * The emulator's one clock: real time by default, set, advanced or frozen by the control
 * API. Everything time-dependent reads it through the injected {@link java.time.Clock}.
 */
package dev.csemu.clock;
