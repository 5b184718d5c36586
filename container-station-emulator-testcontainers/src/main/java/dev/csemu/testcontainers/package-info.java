/**
 * The emulator's container image as a Testcontainers container.
 */
package dev.csemu.testcontainers;
