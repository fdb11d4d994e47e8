package com.hellobooks.web.openapi;

import com.hellobooks.web.filters.CorrelationIdFilter;
import com.hellobooks.web.paging.ListRequest;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
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
 * property of the running server;</li>
 * <li>every {@link Creates} POST takes an {@code Idempotency-Key}: its header, the replay's
 * header, and its 409 and 422. The 422 is merged with a 422 the operation has already
 * ({@code UnknownAuthor}), since a status can be answered only once.</li>
 * </ul>
 */
final class ApiOperationCustomizer implements OperationCustomizer {

    private static final String REQUEST_ID_DESCRIPTION = "The request's correlation id, also in a problem's `correlation_id`: "
            + "the caller's own X-Request-Id when it is 1 to 64 letters, digits, `.`, `_` or `-`, otherwise a new UUID";

    private static final int IDEMPOTENCY_KEY_MAX = 255;
    private static final String IDEMPOTENCY_KEY = "Optional. Send the POST again with the same key when its answer was lost: "
            + "the first answer comes back (with `Idempotent-Replayed: true`) and nothing is written twice. "
            + "A quoted string (RFC 8941) or the bare value, 1 to 255 characters; kept 24 hours";
    private static final String IN_FLIGHT = "A request with the same Idempotency-Key ran at the same time and ended without an answer; send it again";
    private static final String KEY_REUSED = "the Idempotency-Key was already used for another request (another path or body)";

    private final boolean protectReads;

    ApiOperationCustomizer(boolean protectReads) {
        this.protectReads = protectReads;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.hasMethodAnnotation(Creates.class)) {
            idempotencyKey(operation);
        }
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
    private static void idempotencyKey(Operation operation) {
        Schema key = new Schema<>().type("string").typesItem("string").minLength(1).maxLength(IDEMPOTENCY_KEY_MAX + 2)
                .example("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
        operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false).schema(key)
                .description(IDEMPOTENCY_KEY));
        ApiResponses responses = operation.getResponses();
        Schema replayed = new Schema<>().type("string").typesItem("string")._enum(java.util.List.of("true"));
        responses.get("201").addHeaderObject("Idempotent-Replayed", new Header().required(false).schema(replayed)
                .description("`true` on an answer replayed for a repeated Idempotency-Key; absent on the first"));
        responses.addApiResponse("409", problem(IN_FLIGHT));
        ApiResponse unprocessable = responses.get("422");
        if (unprocessable == null) {
            responses.addApiResponse("422", problem(KEY_REUSED));
        } else {
            unprocessable.setDescription(unprocessable.getDescription() + "; or " + KEY_REUSED);
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(ApiErrors.PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    @SuppressWarnings("rawtypes")
    private static Header requestId() {
        Schema schema = new Schema<>().type("string").typesItem("string").maxLength(64);
        return new Header().description(REQUEST_ID_DESCRIPTION).required(true).schema(schema);
    }
}
