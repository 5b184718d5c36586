package floor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's floor: what the emulator's stack costs before the emulator does anything.
 * It answers the requests of WireMock's stubs ({@code --floor.stubs=bench/wiremock/mappings})
 * with their bodies: a login that reads the JSON credentials, and the GETs behind a
 * session-cookie check, through a Spring Security filter chain (stateless, permitting all)
 * and Spring MVC controllers, as the emulator's routes do.
 */
@SpringBootApplication
@RestController
public class FloorApplication {

	private static final String API = "/container-station/api/v1";

	private final Map<String, byte[]> bodies = new HashMap<>();

	FloorApplication(@Value("${floor.stubs}") Path stubs) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		try (Stream<Path> files = Files.list(stubs)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				JsonNode stub = json.readTree(file.toFile());
				this.bodies.put(stub.path("request").path("url").asString(),
						stub.path("response").path("body").asString().getBytes());
			}
		}
	}

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

	@Bean
	SecurityFilterChain chain(HttpSecurity http) {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.build();
	}

	@PostMapping(API + "/login")
	ResponseEntity<byte[]> login(@RequestBody Map<String, Object> credentials) {
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, "CS_SESS_ID=floor; Path=/; HttpOnly")
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.bodies.get(API + "/login"));
	}

	@GetMapping({ API + "/system", API + "/system/resource" })
	ResponseEntity<byte[]> get(@CookieValue(name = "CS_SESS_ID", required = false) String session,
			HttpServletRequest request) {
		if (session == null) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.bodies.get(request.getRequestURI()));
	}

}
