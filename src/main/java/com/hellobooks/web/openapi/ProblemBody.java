package com.hellobooks.web.openapi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.hellobooks.web.errors.FieldProblem;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The body of every error as the description shows it. The API writes a Spring
 * {@code ProblemDetail} (see {@code Problems}), whose Java shape says nothing of the members
 * it adds, so this record says what goes over the wire; nothing builds one.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem, the body of every error (`application/problem+json`)")
record ProblemBody(
        @Schema(requiredMode = REQUIRED, format = "uri-reference", maxLength = 2048,
                description = "Always `about:blank`: the status says what happened", example = "about:blank")
        String type,
        @Schema(requiredMode = REQUIRED, maxLength = 64, description = "The status's reason phrase", example = "Not Found")
        String title,
        @Schema(requiredMode = REQUIRED, format = "int32", minimum = "400", maximum = "599",
                description = "The HTTP status code", example = "404")
        int status,
        @Schema(requiredMode = REQUIRED, maxLength = MAX_TEXT, description = "What went wrong", example = "Book 3 not found")
        String detail,
        @Schema(format = "uri-reference", maxLength = MAX_TEXT, description = "The request's path", example = "/books/3")
        String instance,
        @Schema(requiredMode = REQUIRED, maxLength = MAX_TEXT,
                description = "The same text as `detail`: the field clients of the original API read", example = "Book 3 not found")
        String message,
        @Schema(maxLength = 64, description = "The request's id, also in the `X-Request-Id` response header",
                example = "3f1c9a52-7d0e-4b8a-9c61-2e5f8d4b7a10")
        @JsonProperty("correlation_id") String correlationId,
        @ArraySchema(maxItems = MAX_FIELD_PROBLEMS,
                arraySchema = @Schema(description = "Each problem with a field, for a 400 about the body or a query parameter"))
        List<FieldProblem> errors) {

    /**
     * A problem's texts quote at most a request line or a header, which Tomcat caps at 8 KiB
     * ({@code server.max-http-request-header-size}), plus a sentence around it.
     */
    static final int MAX_TEXT = 8_192 + 256;

    /** One per field of the largest body (title, description, author_id) and rule it can break at once. */
    static final int MAX_FIELD_PROBLEMS = 16;
}
