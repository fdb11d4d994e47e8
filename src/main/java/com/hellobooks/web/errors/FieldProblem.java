package com.hellobooks.web.errors;

import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** One entry of a 400's {@code errors} list: the JSON name of the field and what is wrong with it. */
@Schema(description = "One problem with one field of a request body or one query parameter")
public record FieldProblem(
        @Schema(requiredMode = REQUIRED, maxLength = 64, description = "The field's JSON name, or the parameter's", example = "title")
        String field,
        @Schema(requiredMode = REQUIRED, maxLength = 512, description = "What is wrong with it", example = "is missing")
        String message) {
}
