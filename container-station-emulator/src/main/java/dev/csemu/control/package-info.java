/**
 * The emulator's own control API under {@code /_emulator}: health, and what lets a test
 * steer the emulator. Kept apart from the emulated Container Station API.
 */
package dev.csemu.control;
