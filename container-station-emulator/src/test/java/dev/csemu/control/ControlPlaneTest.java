package dev.csemu.control;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole emulator on a random port with the control API on behind {@link #TOKEN}, the
 * address blocked after two failed sign-ins, and {@code alice} beside the built-in
 * {@code admin}. Every test class using it shares one application context; each resets
 * the emulator through the control API after its tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "emulator.control.token=" + ControlPlaneTest.TOKEN, "emulator.access-protection.max-failures=2",
				"emulator.users.alice.password=" + ControlPlaneTest.ALICE_PASSWORD })
public @interface ControlPlaneTest {

	/** The control API's bearer token. */
	String TOKEN = "control-test-token";

	/** The password of the non-administrator {@code alice}. */
	String ALICE_PASSWORD = "alice-password";

}
