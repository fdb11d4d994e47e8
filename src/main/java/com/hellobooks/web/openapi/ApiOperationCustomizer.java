package com.hellobooks.web.openapi;

import com.hellobooks.web.CorrelationIdFilter;
import com.hellobooks.web.ListRequest;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * What annotations cannot say once for all operations, keyed on the handler's annotations and
 * never on its path:
 * <ul>
 * <li>{@code X-Request-Id} is on every response, success or error (annotations would have to
 * repeat it on each);</li>
 * <li>a page of a {@link ReadsPage} list holds at most {@link ListRequest#MAX_LIMIT} rows
 * (the array's item type is the handler's, so no shared annotation can bound it);</li>
 * <li>reads need a token too when {@code hellobooks.security.protect-reads} is set, a
 * property of the running server.</li>
 * </ul>
 */
final class ApiOperationCustomizer implements OperationCustomizer {

    private static final String REQUEST_ID_DESCRIPTION = "The request's correlation id, also in a problem's `correlation_id`: "
            + "the caller's own X-Request-Id when it is 1 to 64 letters, digits, `.`, `_` or `-`, otherwise a new UUID";

    private final boolean protectReads;

    ApiOperationCustomizer(boolean protectReads) {
        this.protectReads = protectReads;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> response.addHeaderObject(CorrelationIdFilter.HEADER, requestId()));
        }
        if (handler.hasMethodAnnotation(ReadsPage.class)) {
            MediaType page = operation.getResponses().get("200").getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            page.getSchema().setMaxItems(ListRequest.MAX_LIMIT);
        }
        if (protectReads && handler.hasMethodAnnotation(GetMapping.class)) {
            operation.addSecurityItem(new SecurityRequirement().addList(OpenApiConfiguration.BEARER));
        }
        return operation;
    }

    @SuppressWarnings("rawtypes")
    private static Header requestId() {
        Schema schema = new Schema<>().type("string").typesItem("string").maxLength(64);
        return new Header().description(REQUEST_ID_DESCRIPTION).required(true).schema(schema);
    }
}
