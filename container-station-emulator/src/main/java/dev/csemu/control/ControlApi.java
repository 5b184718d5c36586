package dev.csemu.control;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.csemu.web.ClassifiedRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the control API: under {@code /_emulator}, behind the bearer token, and
 * absent when {@code emulator.control.enabled} is false.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@RequestMapping(ClassifiedRequest.CONTROL_BASE)
@ConditionalOnBooleanProperty(name = "emulator.control.enabled", matchIfMissing = true)
@interface ControlApi {

}
