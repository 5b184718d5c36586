package dev.csemu.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the emulated Container Station API, and the API's base paths. Its
 * routes answer under the current base path and under the two older ones that clients of
 * every era still use.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@RequestMapping({ ContainerStationApi.CURRENT, ContainerStationApi.CONTAINERSTATION, ContainerStationApi.LEGACY })
public @interface ContainerStationApi {

	/** Container Station 2.4 and later. */
	String CURRENT = "/container-station/api/v1";

	/** Container Station from 2017-09 to 2.2. */
	String CONTAINERSTATION = "/containerstation/api/v1";

	/** Container Station before 2017-09. */
	String LEGACY = "/api/v1";

	/** Every base path, newest first. */
	List<String> BASES = List.of(CURRENT, CONTAINERSTATION, LEGACY);

}
