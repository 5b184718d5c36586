package dev.csemu.web;

import java.util.List;

import org.apache.catalina.core.StandardHost;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The wire format: strict JSON reading, bodies read as JSON whatever their type, answers
 * always JSON, a body size limit, and envelopes even for errors Tomcat raises itself.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final JsonMapper jsonMapper;

	WebConfiguration(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.add(0, new CurlJsonHttpMessageConverter(this.jsonMapper));
	}

	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		// The real product answers JSON whatever the client's Accept header says.
		configurer.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON);
	}

	@Bean
	static JsonMapperBuilderCustomizer strictJsonReading() {
		// A boolean is a boolean and a number a number: "true" or 1 for outdatedNotify is
		// a 400.
		return (builder) -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	@Bean
	FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(ErrorWriter errorWriter) {
		FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyFilter(errorWriter));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<OptionsRequestFilter> optionsRequestFilter(ErrorWriter errorWriter) {
		FilterRegistrationBean<OptionsRequestFilter> registration = new FilterRegistrationBean<>(
				new OptionsRequestFilter(errorWriter));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
		return (factory) -> {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
				}
			});
			// Encoded slashes reach the security firewall, which refuses them with an
			// envelope.
			factory.addConnectorCustomizers((connector) -> connector.setEncodedSolidusHandling("passthrough"));
		};
	}

}
