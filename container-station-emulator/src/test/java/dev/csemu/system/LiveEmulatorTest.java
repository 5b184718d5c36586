package dev.csemu.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole emulator on a random port, facts from this machine, with an administrator
 * ({@code admin}/{@code admin}), a plain user ({@code alice}/{@code alice}) and a 2-step
 * user whose password and TOTP secret must never leak ({@link #SECRET_PASSWORD},
 * {@link #SECRET_TOTP}). Access protection is off, so that tests failing sign-ins on
 * purpose never block the shared client address. Every test class using it shares one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "emulator.host.source=live", "emulator.users.admin.password=admin",
				"emulator.users.admin.admin=true", "emulator.users.alice.password=alice",
				"emulator.users.bob.password=" + LiveEmulatorTest.SECRET_PASSWORD,
				"emulator.users.bob.two-step-secret=" + LiveEmulatorTest.SECRET_TOTP,
				"emulator.access-protection.max-failures=0", "emulator.access-protection.account-max-failures=0" })
public @interface LiveEmulatorTest {

	/** The 2-step user's password. */
	String SECRET_PASSWORD = "s3cret-Pa55";

	/** The 2-step user's TOTP secret (RFC 6238's test key, base32). */
	String SECRET_TOTP = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

}
