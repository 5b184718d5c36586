package dev.csemu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;

/**
 * An emulator of QNAP Container Station's System API. Auto-configuration nothing here
 * uses is kept off the start path: no AOP proxies, no application task executor or
 * scheduler ({@code @Scheduled} has its own), no multipart parsing (multipart bodies are
 * refused), no availability state.
 */
@SpringBootApplication(exclude = { AopAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
		MultipartAutoConfiguration.class, TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
@ConfigurationPropertiesScan
public class ContainerStationEmulatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContainerStationEmulatorApplication.class, args);
	}

}
