package dev.csemu.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which Host and Origin names browsers may use besides the built-in ones (localhost
 * names, loopback and local interface addresses, the host name, the Docker certificate's
 * {@code domain_names}).
 *
 * @param allowedHosts further names a person browses to, such as {@code nas.example.lan}
 */
@ConfigurationProperties("emulator")
public record WebProperties(@DefaultValue List<String> allowedHosts) {

}
