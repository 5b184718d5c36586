package dev.csemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.csemu.control.ControlPlaneTest;
import dev.csemu.web.ClassifiedRequest;
import dev.csemu.web.ContainerStationApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's endpoint table (the emulated API, below its base paths) and
 * {@code docs/control-api.md}'s (the control API) list exactly the routes the application
 * registers.
 */
@ControlPlaneTest
class RouteTableTests {

	private static final Pattern ROW = Pattern.compile("^\\| ([A-Z, ]+) \\| `([^`]+)`");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void readmeListsEveryRouteAndNothingElse() throws IOException {
		assertThat(documented()).isEqualTo(registered());
	}

	private Set<String> registered() {
		Set<String> routes = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.equals("/error") || pattern.startsWith(ContainerStationApi.CONTAINERSTATION)
						|| pattern.startsWith(ContainerStationApi.LEGACY)) {
					continue;
				}
				String path = ClassifiedRequest.ofPath(pattern).route().replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					routes.add(method.name() + " " + path);
				}
			}
		});
		return routes;
	}

	private static Set<String> documented() throws IOException {
		Set<String> routes = new TreeSet<>();
		List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../README.md")));
		lines.addAll(Files.readAllLines(Path.of("../docs/control-api.md")));
		for (String line : lines) {
			Matcher row = ROW.matcher(line);
			if (!row.find()) {
				continue;
			}
			String path = row.group(2).replace("{tcp\\|udp}", "{protocol}");
			for (String method : row.group(1).split(",")) {
				routes.add(method.trim() + " " + path);
			}
		}
		return routes;
	}

}
