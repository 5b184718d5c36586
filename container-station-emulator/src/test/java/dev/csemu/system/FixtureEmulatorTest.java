package dev.csemu.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole emulator on a random port with the fixture host, every value the vendor's
 * example, and the built-in {@code admin}/{@code admin}. Every test class using it shares
 * one application context; a test that sets overrides clears them afterwards.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "emulator.host.source=fixture")
public @interface FixtureEmulatorTest {

}
