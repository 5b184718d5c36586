package dev.csemu.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the emulated Container Station API. Its routes answer under the current
 * base path and under the two older ones that clients of every era still use.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@RequestMapping({ ApiPaths.CURRENT, ApiPaths.CONTAINERSTATION, ApiPaths.LEGACY })
public @interface ContainerStationApi {

}
