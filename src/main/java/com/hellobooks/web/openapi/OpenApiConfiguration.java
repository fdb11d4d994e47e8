package com.hellobooks.web.openapi;

import java.lang.annotation.Annotation;
import java.util.Arrays;

import com.hellobooks.web.json.NullableFieldModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at /v3/api-docs (and Swagger UI at /swagger-ui.html). springdoc
 * reads it from the annotations on the controllers and records; what every operation shares
 * is declared once, on {@link ApiErrors} and the annotations of each shape of operation
 * ({@link ReadsOne}, {@link ReadsPage}, {@link Creates}, {@link Updates}, {@link Deletes}).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Hello Books API", version = "0.1.0", contact = @Contact(name = "The Hello Books developers"),
                description = """
                Books, their authors and their genres. JSON field names are snake_case; ids are positive 64-bit \
                integers assigned by the server; lists are ordered by id unless `sort` says otherwise. Unknown query \
                parameters and unknown keys in a body are ignored.

                Every error is `application/problem+json` (RFC 9457). Besides `detail` it carries `message` (the same \
                text, the field the original API's clients read) and `correlation_id`, which is also in the \
                `X-Request-Id` response header; send your own `X-Request-Id` to have it used instead. A method a path \
                does not have is a 405 with `Allow`; an unknown path is a 404. The whole contract: docs/api-contract.md.

                Writes need a bearer JWT with the `books:write` scope once the server is given an issuer or a key; \
                without one, every request is open, as in the original API."""),
        tags = {
                @Tag(name = "books", description = "Books, with their author's name and their genres"),
                @Tag(name = "authors", description = "Authors, and the books each has written"),
                @Tag(name = "genres", description = "Genres, and the books in each") })
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT signed by the configured issuer or key, checked as RFC8725 advises: the signature with the "
                + "key's own algorithm (never `none`), and the expiry. Writes need the `books:write` scope")
public class OpenApiConfiguration {

    /** The name of the security scheme that {@link Writes} requires. */
    public static final String BEARER = "bearer";

    /**
     * swagger-core's resolver of the records' schemas, with one fix: {@link NotBlankModelResolver}.
     * The JSON names come from the records' own {@code @JsonProperty}, which swagger-core's
     * Jackson 2 reads as the app's Jackson 3 does (both use jackson-annotations).
     *
     * <p>It has to come last in swagger-core's chain of converters, because a ModelResolver
     * answers for every type and passes nothing on. It does: springdoc puts each converter
     * bean in front of the ones before it, and the beans of this class, in the order declared
     * here, come before springdoc's own. OpenApiDocumentationTest would see it otherwise
     * ({@code author_id} would no longer be a nullable integer).
     */
    @Bean
    ModelResolver notBlankModelResolver(SpringDocConfigProperties springDoc) {
        boolean openApi31 = springDoc.isOpenapi31();
        // a copy: a ModelResolver registers its module on the mapper it is given, and these are shared
        return new NotBlankModelResolver((openApi31 ? Json31.mapper() : Json.mapper()).copy()).openapi31(openApi31);
    }

    @Bean
    NullableFieldModelConverter nullableFieldModelConverter(SpringDocConfigProperties springDoc) {
        return new NullableFieldModelConverter(springDoc.isOpenapi31());
    }

    /** Reads need a token too when they are protected (see {@code ApiSecurityProperties}, named here to keep security/ out of web/). */
    @Bean
    OperationCustomizer apiOperationCustomizer(@Value("${hellobooks.security.protect-reads:false}") boolean protectReads) {
        return new ApiOperationCustomizer(protectReads);
    }

    /**
     * swagger-core applies {@code @NotBlank} (minLength 1) and then {@code @Size(max = 255)},
     * whose min of 0 undoes it; both hold, so the text must be at least 1 long.
     */
    private static final class NotBlankModelResolver extends ModelResolver {

        NotBlankModelResolver(com.fasterxml.jackson.databind.ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected boolean applyBeanValidatorAnnotations(Schema property, Annotation[] annotations, Schema parent,
                boolean applyNotNullAnnotations) {
            boolean modified = super.applyBeanValidatorAnnotations(property, annotations, parent, applyNotNullAnnotations);
            boolean notBlank = annotations != null && Arrays.stream(annotations).anyMatch(NotBlank.class::isInstance);
            if (notBlank && property.getMinLength() != null && property.getMinLength() < 1) {
                property.setMinLength(1);
                modified = true;
            }
            return modified;
        }
    }
}
