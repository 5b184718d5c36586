package dev.csemu.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.csemu.support.SignIn;
import dev.csemu.system.LiveEmulatorTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong password takes as long whether or not the user name is an account, so the time
 * of an answer does not tell which names exist. Medians over interleaved attempts, with a
 * generous bound: the gap this guards against was fifty-fold.
 */
@LiveEmulatorTest
class SignInTimingTests {

	private static final Logger logger = LoggerFactory.getLogger(SignInTimingTests.class);

	private static final int WARM_UP = 5;

	private static final int ATTEMPTS = 21;

	@LocalServerPort
	int port;

	@Test
	void unknownUserAndWrongPasswordTakeTheSameTime() {
		List<Long> known = new ArrayList<>();
		List<Long> unknown = new ArrayList<>();
		for (int i = 0; i < WARM_UP + ATTEMPTS; i++) {
			long wrongPassword = timeFailedLogin("alice");
			long unknownUser = timeFailedLogin("mallory" + i);
			if (i >= WARM_UP) {
				known.add(wrongPassword);
				unknown.add(unknownUser);
			}
		}
		long knownMedian = median(known);
		long unknownMedian = median(unknown);
		logger.info("Failed sign-in, median of {}: wrong password {} µs, unknown user {} µs", ATTEMPTS,
				knownMedian / 1000, unknownMedian / 1000);
		assertThat(Math.max(knownMedian, unknownMedian))
			.as("median nanoseconds: wrong password %d, unknown user %d", knownMedian, unknownMedian)
			.isLessThan(3 * Math.min(knownMedian, unknownMedian));
	}

	private long timeFailedLogin(String username) {
		long start = System.nanoTime();
		given().port(this.port)
			.contentType(ContentType.URLENC)
			.body("{\"username\": \"" + username + "\", \"password\": \"wrong\"}")
			.post(SignIn.API + "/login")
			.then()
			.statusCode(401);
		return System.nanoTime() - start;
	}

	private static long median(List<Long> times) {
		List<Long> sorted = new ArrayList<>(times);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}
