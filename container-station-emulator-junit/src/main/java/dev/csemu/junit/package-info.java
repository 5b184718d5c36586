/**
 * A JUnit 5 extension that runs the emulator's jar out of process for a client's tests,
 * and a small client of the control API that needs nothing but the JDK.
 */
package dev.csemu.junit;
