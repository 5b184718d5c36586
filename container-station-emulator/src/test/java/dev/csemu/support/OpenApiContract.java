package dev.csemu.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The emulated API's OpenAPI 3.1 document ({@value #RESOURCE}), and the checks of an
 * observed response against it.
 *
 * <p>
 * Every body, header and path parameter is validated by networknt's json-schema-validator
 * against the document's own schema objects, with the OpenAPI 3.1 dialect of JSON Schema
 * 2020-12; this class only finds which schema applies (route, method, status, media
 * type), as the OpenAPI specification says:
 * <ul>
 * <li>a path is matched under every server of its path item (the three API base paths for
 * API routes, {@code /} for QTS's {@code authLogin.cgi}); literal paths win over
 * templated ones;</li>
 * <li>a status is looked up exactly, then as its range ({@code 4XX}), then
 * {@code default}; an undocumented status is a failure;</li>
 * <li>a path under an API base path that matches no documented route, or a route without
 * the request's method, is checked against the document's {@code x-unrouted-responses}
 * (404, 405, 401, ... always the error envelope);</li>
 * <li>a path outside every server (the control API, a Docker endpoint) is not described
 * by this document and is not checked.</li>
 * </ul>
 */
public final class OpenApiContract {

	/** Where the document lives on the classpath. */
	public static final String RESOURCE = "openapi/container-station-api.yaml";

	/** The IRI under which the document is registered with the schema validator. */
	static final String DOCUMENT_IRI = "https://csemu.dev/openapi/container-station-api.json";

	/** The pointer of the answers to requests that match no documented operation. */
	static final String UNROUTED = "/x-unrouted-responses";

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}/]+)}");

	private static volatile OpenApiContract instance;

	private final JsonNode document;

	private final SchemaRegistry registry;

	private final List<PathEntry> paths;

	private final List<String> basePaths;

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private OpenApiContract(JsonNode document) {
		this.document = document;
		String json = this.jsonMapper.writeValueAsString(document);
		this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
				(builder) -> builder.schemas(Map.of(DOCUMENT_IRI, json))
					.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
		this.basePaths = serverPaths(document.path("servers"));
		this.paths = pathEntries(document, this.basePaths);
	}

	/**
	 * The document, read once from the classpath.
	 * @return the contract
	 */
	public static OpenApiContract get() {
		OpenApiContract contract = instance;
		if (contract == null) {
			synchronized (OpenApiContract.class) {
				contract = instance;
				if (contract == null) {
					contract = new OpenApiContract(readDocument());
					instance = contract;
				}
			}
		}
		return contract;
	}

	/**
	 * The document as a JSON tree.
	 * @return the parsed YAML
	 */
	public JsonNode document() {
		return this.document;
	}

	/**
	 * The paths of the document's top-level servers, that is the API's base paths.
	 * @return the base paths, in the document's order
	 */
	public List<String> basePaths() {
		return this.basePaths;
	}

	/**
	 * Every documented operation, on each of its servers.
	 * @return method and full path template, such as {@code GET} and
	 * {@code /api/v1/system/port/{protocol}/{port}}
	 */
	public Set<Route> routes() {
		Set<Route> routes = new LinkedHashSet<>();
		for (PathEntry entry : this.paths) {
			for (String method : METHODS) {
				if (this.document.at(entry.pointer()).has(method)) {
					routes.add(new Route(method.toUpperCase(Locale.ROOT), entry.fullTemplate()));
				}
			}
		}
		return routes;
	}

	/**
	 * Validates a JSON value against the schema object at a pointer into the document.
	 * @param pointer a JSON pointer such as {@code /components/schemas/LoginResponse}
	 * @param instance the value
	 * @return the validator's messages, empty when the value conforms
	 */
	public List<String> validate(String pointer, JsonNode instance) {
		Schema schema = this.schemas.computeIfAbsent(pointer, this::loadSchema);
		return schema.validate(instance).stream().map((error) -> {
			String message = error.toString();
			return message.startsWith(":") ? "(root)" + message : message;
		}).toList();
	}

	private Schema loadSchema(String pointer) {
		JsonNode node = this.document.at(pointer);
		if (node.isMissingNode()) {
			throw new IllegalArgumentException("No schema at " + pointer + " in " + RESOURCE);
		}
		// A fragment of the registered document, so its local $refs resolve against it.
		return this.registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer));
	}

	/**
	 * Checks an observed response against the document.
	 * @param response what was sent and received
	 * @return what does not conform, empty when all does (or when the document does not
	 * describe the path)
	 */
	public List<String> check(Observed response) {
		String method = response.method().toUpperCase(Locale.ROOT);
		if (method.equals("OPTIONS") || method.equals("TRACE") || method.equals("CONNECT")) {
			// Not part of the emulated API (CORS preflight, diagnostics): not described.
			return List.of();
		}
		boolean head = method.equals("HEAD");
		String operationKey = head ? "get" : method.toLowerCase(Locale.ROOT);
		List<String> problems = new ArrayList<>();
		PathMatch match = match(response.path());
		String responses;
		String context;
		boolean parametersValid = true;
		if (match == null) {
			if (!isUnderBasePath(response.path())) {
				return List.of();
			}
			responses = UNROUTED;
			context = method + " " + response.path() + " (no such route)";
		}
		else if (!this.document.at(match.entry().pointer()).has(operationKey)) {
			responses = UNROUTED;
			context = method + " " + match.entry().fullTemplate() + " (no such method)";
		}
		else {
			String operation = match.entry().pointer() + "/" + operationKey;
			responses = operation + "/responses";
			context = method + " " + match.entry().fullTemplate();
			parametersValid = pathParametersValid(match, operation);
		}
		String status = Integer.toString(response.status());
		String responsePointer = findResponse(responses, status);
		if (responsePointer == null) {
			problems.add("status " + status + " is not documented for " + context + "; documented: "
					+ this.document.at(responses).propertyNames());
			return problems;
		}
		if (!parametersValid && response.status() < 400) {
			problems.add("status " + status + " for a path parameter the document rules out: " + response.path());
		}
		checkHeaders(responsePointer, response, context, problems);
		checkContent(responsePointer, response, context, head, problems);
		return problems;
	}

	private String findResponse(String responses, String status) {
		JsonNode node = this.document.at(responses);
		for (String key : List.of(status, status.charAt(0) + "XX", "default")) {
			if (node.has(key)) {
				return resolve(responses + "/" + escape(key));
			}
		}
		return null;
	}

	private void checkHeaders(String responsePointer, Observed response, String context, List<String> problems) {
		JsonNode headers = this.document.at(responsePointer + "/headers");
		for (String name : headers.propertyNames()) {
			String headerPointer = resolve(responsePointer + "/headers/" + escape(name));
			JsonNode header = this.document.at(headerPointer);
			List<String> values = response.headers().getOrDefault(name, List.of());
			if (values.isEmpty()) {
				if (header.path("required").asBoolean(false)) {
					problems.add("header " + name + " is required for " + context + " " + response.status());
				}
				continue;
			}
			if (header.has("schema")) {
				for (String value : values) {
					validate(headerPointer + "/schema", JsonNodeFactory.instance.stringNode(value))
						.forEach((message) -> problems.add("header " + name + ": " + message));
				}
			}
		}
	}

	private void checkContent(String responsePointer, Observed response, String context, boolean head,
			List<String> problems) {
		JsonNode content = this.document.at(responsePointer + "/content");
		if (content.isMissingNode() || content.isEmpty()) {
			if (!head && response.body().length > 0) {
				problems.add("no body is documented for " + context + " " + response.status() + ", got "
						+ response.body().length + " bytes");
			}
			return;
		}
		String mediaType = mediaType(response.contentType());
		if (mediaType == null) {
			problems.add("no Content-Type for " + context + " " + response.status() + "; documented: "
					+ content.propertyNames());
			return;
		}
		String key = documentedMediaType(content, mediaType);
		if (key == null) {
			problems.add("Content-Type " + mediaType + " is not documented for " + context + " " + response.status()
					+ "; documented: " + content.propertyNames());
			return;
		}
		String schemaPointer = responsePointer + "/content/" + escape(key) + "/schema";
		if (head || this.document.at(schemaPointer).isMissingNode()) {
			return;
		}
		if (isJson(mediaType)) {
			JsonNode body;
			try {
				body = this.jsonMapper.readTree(response.body());
			}
			catch (JacksonException ex) {
				problems.add("the body is not JSON: " + ex.getOriginalMessage());
				return;
			}
			validate(schemaPointer, body).forEach((message) -> problems.add("body " + message));
			JsonNode code = body.at("/error/code");
			if (response.status() >= 400 && code.isIntegralNumber() && code.asInt() != response.status()) {
				problems.add("error.code " + code.asInt() + " is not the HTTP status " + response.status());
			}
		}
		else if (mediaType.startsWith("text/")) {
			String text = new String(response.body(), StandardCharsets.UTF_8);
			validate(schemaPointer, JsonNodeFactory.instance.stringNode(text))
				.forEach((message) -> problems.add("body " + message));
		}
		// Other media types (zip, bzip2) are bytes: their type is what is checked.
	}

	private boolean pathParametersValid(PathMatch match, String operationPointer) {
		Map<String, String> parameterSchemas = new LinkedHashMap<>();
		for (String owner : List.of(match.entry().pointer(), operationPointer)) {
			JsonNode parameters = this.document.at(owner + "/parameters");
			for (int i = 0; i < parameters.size(); i++) {
				String pointer = resolve(owner + "/parameters/" + i);
				JsonNode parameter = this.document.at(pointer);
				if ("path".equals(parameter.path("in").asString(""))) {
					parameterSchemas.put(parameter.path("name").asString(""), pointer + "/schema");
				}
			}
		}
		for (Map.Entry<String, String> value : match.parameters().entrySet()) {
			String schemaPointer = parameterSchemas.get(value.getKey());
			if (schemaPointer != null
					&& !validate(schemaPointer, pathValue(schemaPointer, value.getValue())).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	/** A path segment as the JSON value its schema's type asks for, when it is one. */
	private JsonNode pathValue(String schemaPointer, String raw) {
		String type = this.document.at(resolve(schemaPointer)).path("type").asString("");
		if ((type.equals("integer") || type.equals("number")) && raw.matches("-?[0-9]{1,30}")) {
			return JsonNodeFactory.instance.numberNode(new BigInteger(raw));
		}
		if (type.equals("boolean") && (raw.equals("true") || raw.equals("false"))) {
			return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(raw));
		}
		return JsonNodeFactory.instance.stringNode(raw);
	}

	private PathMatch match(String rawPath) {
		for (PathEntry entry : this.paths) {
			Matcher matcher = entry.pattern().matcher(rawPath);
			if (matcher.matches()) {
				Map<String, String> parameters = new LinkedHashMap<>();
				for (int i = 0; i < entry.parameterNames().size(); i++) {
					String value;
					try {
						value = URLDecoder.decode(matcher.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
					}
					catch (IllegalArgumentException ex) {
						value = matcher.group(i + 1);
					}
					parameters.put(entry.parameterNames().get(i), value);
				}
				return new PathMatch(entry, parameters);
			}
		}
		return null;
	}

	/**
	 * Whether a path lies under one of the document's base paths.
	 * @param path a request path
	 * @return true for an API path
	 */
	public boolean isUnderBasePath(String path) {
		for (String base : this.basePaths) {
			if (path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/')) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Follows local {@code $ref}s from a pointer to the object they name.
	 * @param pointer a JSON pointer into the document
	 * @return the pointer of the object itself
	 */
	public String resolve(String pointer) {
		String current = pointer;
		for (int hops = 0; hops < 20; hops++) {
			JsonNode ref = this.document.at(current).path("$ref");
			if (!ref.isString()) {
				return current;
			}
			String target = ref.asString();
			if (!target.startsWith("#")) {
				throw new IllegalStateException("Only local references are supported: " + target);
			}
			current = target.substring(1);
		}
		throw new IllegalStateException("Reference cycle at " + pointer);
	}

	/**
	 * Escapes a name for use as one JSON pointer segment.
	 * @param name a property name such as {@code application/json}
	 * @return the escaped segment, such as {@code application~1json}
	 */
	public static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

	private static String documentedMediaType(JsonNode content, String mediaType) {
		if (content.has(mediaType)) {
			return mediaType;
		}
		String range = mediaType.substring(0, mediaType.indexOf('/') + 1) + "*";
		if (content.has(range)) {
			return range;
		}
		return content.has("*/*") ? "*/*" : null;
	}

	private static String mediaType(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return null;
		}
		int semicolon = contentType.indexOf(';');
		String type = ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim()
			.toLowerCase(Locale.ROOT);
		return type.contains("/") ? type : null;
	}

	private static boolean isJson(String mediaType) {
		return mediaType.equals("application/json") || mediaType.endsWith("+json");
	}

	private static List<String> serverPaths(JsonNode servers) {
		List<String> result = new ArrayList<>();
		for (JsonNode server : servers) {
			String url = server.path("url").asString("/");
			if (url.contains("://")) {
				url = url.substring(url.indexOf('/', url.indexOf("://") + 3));
			}
			result.add(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		}
		return result.isEmpty() ? List.of("") : Collections.unmodifiableList(result);
	}

	private static List<PathEntry> pathEntries(JsonNode document, List<String> basePaths) {
		List<PathEntry> entries = new ArrayList<>();
		JsonNode paths = document.path("paths");
		for (String template : paths.propertyNames()) {
			JsonNode item = paths.get(template);
			List<String> prefixes = item.has("servers") ? serverPaths(item.get("servers")) : basePaths;
			for (String prefix : prefixes) {
				String full = prefix + template;
				List<String> names = new ArrayList<>();
				StringBuilder regex = new StringBuilder();
				Matcher matcher = TEMPLATE_PARAMETER.matcher(full);
				int last = 0;
				while (matcher.find()) {
					regex.append(Pattern.quote(full.substring(last, matcher.start()))).append("([^/]+)");
					names.add(matcher.group(1));
					last = matcher.end();
				}
				regex.append(Pattern.quote(full.substring(last)));
				entries.add(new PathEntry("/paths/" + escape(template), full, Pattern.compile(regex.toString()),
						List.copyOf(names)));
			}
		}
		// OpenAPI: a literal path matches before a templated one of the same shape.
		entries.sort(Comparator.comparingInt((PathEntry entry) -> entry.parameterNames().size()));
		return List.copyOf(entries);
	}

	private static JsonNode readDocument() {
		try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the classpath");
			}
			return YAMLMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A documented operation on one server.
	 *
	 * @param method the HTTP method, upper case
	 * @param path the server's path followed by the path template
	 */
	public record Route(String method, String path) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/**
	 * A response as received, with what was asked.
	 *
	 * @param method the request's method
	 * @param path the request's raw path, without query
	 * @param status the HTTP status
	 * @param contentType the response's Content-Type, or null
	 * @param headers the response's headers (names compared without case)
	 * @param body the response's body, empty when none
	 */
	public record Observed(String method, String path, int status, String contentType,
			Map<String, List<String>> headers, byte[] body) {

		public Observed {
			Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			byName.putAll(headers);
			headers = Collections.unmodifiableMap(byName);
			body = (body != null) ? body : new byte[0];
		}

		/**
		 * A response with a JSON body and no other header than its Content-Type.
		 * @param method the request's method
		 * @param path the request's path
		 * @param status the HTTP status
		 * @param json the body
		 * @return the observed response
		 */
		public static Observed json(String method, String path, int status, String json) {
			return new Observed(method, path, status, "application/json", Map.of(),
					json.getBytes(StandardCharsets.UTF_8));
		}

	}

	private record PathEntry(String pointer, String fullTemplate, Pattern pattern, List<String> parameterNames) {
	}

	private record PathMatch(PathEntry entry, Map<String, String> parameters) {
	}

}
