package com.hellobooks.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** DELETE of one resource: 204, 404, and 412 when {@code If-Match} is stale. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Writes
@Parameter(name = "If-Match", in = ParameterIn.HEADER, description = Deletes.IF_MATCH,
        schema = @Schema(example = "*", type = "string", maxLength = ReadsOne.MAX_HEADER))
@ApiResponse(responseCode = "204", description = "Deleted: no body", content = @Content)
@ApiResponse(responseCode = "404", description = "No resource has the id in the path",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "412", description = Deletes.STALE,
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
public @interface Deletes {

    String IF_MATCH = "Optional. The ETag the change is based on, or `*`: 412 when the resource has changed since; "
            + "without it the write goes ahead, as in the original API";
    String STALE = "The ETag in If-Match is not the current one: someone changed the resource since";
}
