/**
 * A JUnit 5 extension that runs the emulator in-process for a client's tests, with a
 * small client of the control API. JUnit is an optional dependency of the emulator: only
 * tests that use this package need it.
 */
package dev.csemu.junit;
