package com.hellobooks.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * PUT or PATCH of one resource: 204 with the new ETag as the original API answers, or 200 with
 * the resource for {@code Prefer: return=representation}; 412 when {@code If-Match} is stale.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Writes
@Parameter(name = "If-Match", in = ParameterIn.HEADER, description = Deletes.IF_MATCH,
        schema = @Schema(example = "*", type = "string", maxLength = ReadsOne.MAX_HEADER))
@Parameter(name = "Prefer", in = ParameterIn.HEADER, description = "`return=representation` answers 200 with the resource instead of 204 (RFC 7240)",
        schema = @Schema(example = "return=representation", type = "string", maxLength = ReadsOne.MAX_HEADER))
@ApiResponse(responseCode = "200", description = "Updated, with `Prefer: return=representation`: the resource",
        headers = {
                @Header(name = "ETag", required = true, description = ReadsOne.ETAG,
                        schema = @Schema(type = "string", maxLength = ReadsOne.MAX_ETAG)),
                @Header(name = "Preference-Applied", required = true, description = "`return=representation`: the 200 answers that preference",
                        schema = @Schema(type = "string", allowableValues = "return=representation")) })
@ApiResponse(responseCode = "204", description = "Updated (the original API's answer): no body",
        headers = @Header(name = "ETag", required = true, description = ReadsOne.ETAG,
                        schema = @Schema(type = "string", maxLength = ReadsOne.MAX_ETAG)),
        content = @Content)
@ApiResponse(responseCode = "404", description = "No resource has the id in the path",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "412", description = Deletes.STALE,
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "413", description = Creates.TOO_LARGE,
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "415", description = Creates.UNSUPPORTED_TYPE,
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
public @interface Updates {
}
