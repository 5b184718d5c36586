package dev.csemu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * An emulator of QNAP Container Station's System API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ContainerStationEmulatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContainerStationEmulatorApplication.class, args);
	}

}
