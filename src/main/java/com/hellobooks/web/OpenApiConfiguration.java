package com.hellobooks.web;

import java.util.Map;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description at /v3/api-docs (and Swagger UI at /swagger-ui.html). springdoc
 * derives the paths, parameters and schemas from the controllers and records; the beans here
 * add what it cannot see: the JSON names the app really uses, {@link NullableField}, and
 * ({@link ApiDescriptionCustomizer}) the errors, headers and examples every endpoint shares.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /**
     * Schemas named as the app's JSON is. springdoc reads the records with swagger-core's own
     * Jackson 2 mapper, which knows nothing of {@code spring.jackson.property-naming-strategy}
     * (the app is on Jackson 3), so {@code authorId} would be documented where clients see
     * {@code author_id}. This resolver takes the strategy from the app's mapper, so the two
     * cannot disagree.
     *
     * <p>It has to come last in swagger-core's chain of converters, because a ModelResolver
     * answers for every type and passes nothing on. It does: springdoc puts each converter
     * bean in front of the ones before it, and the beans of this class, in the order declared
     * here, come before springdoc's own. OpenApiDocumentationTest would see it otherwise
     * ({@code author_id} would no longer be a nullable integer).
     */
    @Bean
    ModelResolver jsonNamingModelResolver(JsonMapper jsonMapper, SpringDocConfigProperties springDoc) {
        boolean openApi31 = springDoc.isOpenapi31();
        var mapper = (openApi31 ? Json31.mapper() : Json.mapper()).copy();
        mapper.setPropertyNamingStrategy(jackson2Strategy(jsonMapper.serializationConfig().getPropertyNamingStrategy()));
        return new ModelResolver(mapper).openapi31(openApi31);
    }

    @Bean
    NullableFieldModelConverter nullableFieldModelConverter(SpringDocConfigProperties springDoc) {
        return new NullableFieldModelConverter(springDoc.isOpenapi31());
    }

    @Bean
    OpenApiCustomizer apiDescriptionCustomizer() {
        return new ApiDescriptionCustomizer();
    }

    /** Spring Boot binds spring.jackson.property-naming-strategy to one of these constants. */
    private static final Map<PropertyNamingStrategy, com.fasterxml.jackson.databind.PropertyNamingStrategy> JACKSON_2_STRATEGIES = Map.of(
            PropertyNamingStrategies.SNAKE_CASE, com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE,
            PropertyNamingStrategies.UPPER_SNAKE_CASE, com.fasterxml.jackson.databind.PropertyNamingStrategies.UPPER_SNAKE_CASE,
            PropertyNamingStrategies.LOWER_CAMEL_CASE, com.fasterxml.jackson.databind.PropertyNamingStrategies.LOWER_CAMEL_CASE,
            PropertyNamingStrategies.UPPER_CAMEL_CASE, com.fasterxml.jackson.databind.PropertyNamingStrategies.UPPER_CAMEL_CASE,
            PropertyNamingStrategies.LOWER_CASE, com.fasterxml.jackson.databind.PropertyNamingStrategies.LOWER_CASE,
            PropertyNamingStrategies.KEBAB_CASE, com.fasterxml.jackson.databind.PropertyNamingStrategies.KEBAB_CASE,
            PropertyNamingStrategies.LOWER_DOT_CASE, com.fasterxml.jackson.databind.PropertyNamingStrategies.LOWER_DOT_CASE);

    /** The app's (Jackson 3) naming strategy as swagger-core's Jackson 2 knows it. */
    private static com.fasterxml.jackson.databind.PropertyNamingStrategy jackson2Strategy(PropertyNamingStrategy strategy) {
        if (strategy == null) {
            return null;
        }
        var jackson2 = JACKSON_2_STRATEGIES.get(strategy);
        if (jackson2 == null) {
            throw new IllegalStateException("The OpenAPI description cannot follow the JSON naming strategy "
                    + strategy.getClass().getName() + "; only Jackson's PropertyNamingStrategies constants are supported");
        }
        return jackson2;
    }
}
