package dev.csemu.robustness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.csemu.support.SignIn;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 clients that dribble their request bodies a byte at a time, more than Tomcat has
 * threads, do not stop the port: health and the emulated API keep answering, and each
 * slow client is answered 408 (too slow) or 503 (too many bodies at once) within seconds.
 */
@RobustnessTest
class SlowClientTests {

	private static final int CLIENTS = 200;

	@LocalServerPort
	int port;

	@Test
	void dribblingBodiesDoNotStopThePort() throws Exception {
		String admin = SignIn.asAdmin(this.port);
		List<Socket> slow = new ArrayList<>();
		ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
				socket.getOutputStream()
					.write(("POST " + SignIn.API + "/login HTTP/1.1\r\nHost: localhost\r\n"
							+ "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
						.getBytes(StandardCharsets.US_ASCII));
				slow.add(socket);
			}
			dribbler.scheduleAtFixedRate(() -> slow.forEach(SlowClientTests::dribble), 1, 1, TimeUnit.SECONDS);
			Thread.sleep(2000);
			RestAssuredConfig patient = RestAssuredConfig.config()
				.httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 3000));
			long start = System.nanoTime();
			given().config(patient).port(this.port).get("/_emulator/health").then().statusCode(200);
			given().config(patient)
				.port(this.port)
				.cookie(SignIn.COOKIE, admin)
				.get(SignIn.API + "/system")
				.then()
				.statusCode(200);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			for (Socket socket : slow) {
				assertThat(statusOf(socket)).isIn(408, 503, -1);
			}
		}
		finally {
			dribbler.shutdownNow();
			for (Socket socket : slow) {
				socket.close();
			}
		}
		SignIn.asAdmin(this.port);
	}

	private static void dribble(Socket socket) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(' ');
			out.flush();
		}
		catch (IOException ex) {
			// Answered and closed: nothing more to send.
		}
	}

	/** The status the server answered within 20 s, or -1 when it closed without one. */
	private static int statusOf(Socket socket) throws IOException {
		socket.setSoTimeout(20_000);
		InputStream in = socket.getInputStream();
		byte[] line = new byte[12];
		int read = 0;
		try {
			while (read < line.length) {
				int n = in.read(line, read, line.length - read);
				if (n < 0) {
					return (read == 0) ? -1 : 0;
				}
				read += n;
			}
		}
		catch (SocketTimeoutException ex) {
			return 0;
		}
		return Integer.parseInt(new String(line, 9, 3, StandardCharsets.US_ASCII));
	}

}
