package dev.csemu.robustness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The one application the HTTP-level robustness tests share (one Spring context for all
 * of them): an administrator and a plain user, the control API with a known token, low
 * session caps so that a flood reaches them, and no address blocking, so that a corpus
 * full of bad credentials cannot lock the other tests out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "emulator.control.token=" + RobustnessTest.CONTROL_TOKEN, "emulator.users.admin.password=admin",
				"emulator.users.admin.admin=true", "emulator.users.alice.password=alice",
				"emulator.session.max-sessions=" + RobustnessTest.MAX_SESSIONS,
				"emulator.session.max-per-user=" + RobustnessTest.MAX_PER_USER,
				"emulator.session.idle-timeout=" + RobustnessTest.IDLE_TIMEOUT,
				"emulator.access-protection.max-failures=0" })
@interface RobustnessTest {

	/** The control API's bearer token. */
	String CONTROL_TOKEN = "robustness-token";

	/** The session cap, low enough for a flood to reach it many times over. */
	int MAX_SESSIONS = 500;

	/** The sessions one account holds at most: one account's flood reaches it. */
	int MAX_PER_USER = 200;

	/** The idle timeout, as a Spring duration. */
	String IDLE_TIMEOUT = "30m";

}
