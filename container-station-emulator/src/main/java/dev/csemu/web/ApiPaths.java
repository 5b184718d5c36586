package dev.csemu.web;

import java.util.List;

/**
 * The base paths of the emulated API, newest first.
 */
public final class ApiPaths {

	/** Container Station 2.4 and later. */
	public static final String CURRENT = "/container-station/api/v1";

	/** Container Station from 2017-09 to 2.2. */
	public static final String CONTAINERSTATION = "/containerstation/api/v1";

	/** Container Station before 2017-09. */
	public static final String LEGACY = "/api/v1";

	/** Every base path, newest first. */
	public static final List<String> BASES = List.of(CURRENT, CONTAINERSTATION, LEGACY);

	private ApiPaths() {
	}

	/**
	 * The given API route under every base path.
	 * @param route a route such as {@code /tls/export}
	 * @return the route's full paths, newest base first
	 */
	public static String[] underEveryBase(String route) {
		return BASES.stream().map((base) -> base + route).toArray(String[]::new);
	}

}
