package dev.csemu.web;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The wire format: strict JSON reading, answers always JSON, OPTIONS not a method of the
 * API.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

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

	/**
	 * OPTIONS is not a method of the API, nor is CORS offered: where Spring MVC would
	 * answer an empty 200 listing the allowed methods, the client gets the 405 every
	 * other wrong method gets, with that {@code Allow} header.
	 */
	@Bean
	WebMvcRegistrations optionsIsNotAMethod() {
		return new WebMvcRegistrations() {

			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new RequestMappingHandlerMapping() {

					@Override
					protected HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, String lookupPath,
							HttpServletRequest request) throws jakarta.servlet.ServletException {
						if (HttpMethod.OPTIONS.matches(request.getMethod())) {
							Set<String> allowed = new LinkedHashSet<>();
							for (RequestMappingInfo info : infos) {
								if (info.getPathPatternsCondition() != null
										&& info.getPathPatternsCondition().getMatchingCondition(request) != null) {
									info.getMethodsCondition()
										.getMethods()
										.forEach((method) -> allowed.add(method.name()));
								}
							}
							if (allowed.contains("GET")) {
								allowed.add("HEAD");
							}
							if (!allowed.isEmpty()) {
								throw new HttpRequestMethodNotSupportedException(request.getMethod(), allowed);
							}
						}
						return super.handleNoMatch(infos, lookupPath, request);
					}

				};
			}

		};
	}

}
