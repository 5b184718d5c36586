package dev.csemu.report;

import java.util.List;

import dev.csemu.network.Bridges;
import dev.csemu.network.PortUsage;
import dev.csemu.system.HostResources;
import dev.csemu.tls.TlsCertificates;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The diagnosis report and what goes into it: one named file per section, each made from
 * a feature's public API. A feature adds its section with one line here.
 */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

	/** How many recent log lines the report holds. */
	private static final int LOG_LINES = 1000;

	@Bean
	RecentLogLines recentLogLines() {
		return new RecentLogLines(LOG_LINES);
	}

	@Bean
	EffectiveConfiguration effectiveConfiguration(ConfigurableEnvironment environment) {
		return new EffectiveConfiguration(environment);
	}

	@Bean
	DiagnosisReport diagnosisReport(HostResources resources, Bridges bridges, PortUsage ports,
			TlsCertificates certificates, EffectiveConfiguration configuration, RecentLogLines log,
			JsonMapper jsonMapper) {
		ObjectWriter json = jsonMapper.writerWithDefaultPrettyPrinter();
		Versions versions = Versions.current();
		List<ReportFile> files = List.of(ReportFile.json("system.json", resources::system, json),
				ReportFile.json("resource.json", resources::current, json),
				ReportFile.json("bridge.json", bridges::current, json),
				ReportFile.json("ports.json", ports::listening, json),
				// Subjects, SANs, serials, validity: never a key.
				ReportFile.json("tls.json", certificates::metadata, json),
				ReportFile.json("config.json", configuration::properties, json),
				ReportFile.json("versions.json", () -> versions, json), ReportFile.text("log.txt", log::text));
		return new DiagnosisReport(resources::hostname, files);
	}

}
