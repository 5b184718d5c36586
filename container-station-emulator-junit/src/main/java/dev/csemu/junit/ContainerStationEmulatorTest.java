package dev.csemu.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a Container Station emulator (the server's jar, in a process of its own) for the
 * annotated test class, shared with every other class of the test run that asks for the
 * same configuration; resets it before every test. Test methods can take a
 * {@link ContainerStationEmulator} (base URL, API URL), a {@link java.net.URI} (the base
 * URL) or an {@link EmulatorControl}.
 *
 * <pre class="code">
 * &#064;ContainerStationEmulatorTest(users = "alice:secret", hostSource = "fixture")
 * class MyClientTests {
 *     &#064;Test
 *     void signsIn(ContainerStationEmulator emulator, EmulatorControl control) { ... }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ContainerStationEmulatorExtension.class)
public @interface ContainerStationEmulatorTest {

	/**
	 * Accounts besides the built-in admin/admin: {@code name:password}, with
	 * {@code :admin} for an administrator, or {@code :admin:<base32 secret>} /
	 * {@code :user:<base32 secret>} for 2-step verification.
	 * @return the accounts
	 */
	String[] users() default {};

	/**
	 * Where host facts come from: {@code fixture} (the vendor's examples, the default
	 * here) or {@code live}.
	 * @return the host source
	 */
	String hostSource() default "fixture";

	/**
	 * An ISO-8601 instant to freeze the clock at before every test; empty for real time.
	 * The TLS material is then issued at that instant too.
	 * @return the instant
	 */
	String clock() default "";

	/**
	 * Any other emulator property, as {@code name=value}.
	 * @return the properties
	 */
	String[] properties() default {};

}
