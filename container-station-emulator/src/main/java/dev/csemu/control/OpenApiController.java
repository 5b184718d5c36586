package dev.csemu.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The OpenAPI 3.1 document of the emulated API, as JSON; read from the YAML in the jar
 * once.
 */
@ControlApi
class OpenApiController {

	static final String DOCUMENT = "openapi/container-station-api.yaml";

	private final SingletonSupplier<byte[]> json;

	OpenApiController(JsonMapper jsonMapper) {
		// Read on the first request, not during start-up; once.
		this.json = SingletonSupplier.of(() -> read(jsonMapper));
	}

	@GetMapping("/openapi.json")
	ResponseEntity<byte[]> openApi() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.json.obtain());
	}

	private static byte[] read(JsonMapper jsonMapper) {
		try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
			Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			return jsonMapper.writeValueAsBytes(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + DOCUMENT, ex);
		}
	}

}
