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

/** GET of one resource: 200 with its ETag, 304 while the client's copy is current, 404. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Parameter(name = "If-None-Match", in = ParameterIn.HEADER,
        description = "ETags from earlier answers (or `*`): 304 without a body while the resource's current ETag is among them",
        schema = @Schema(example = "W/\"none\"", type = "string", maxLength = ReadsOne.MAX_HEADER))
@ApiResponse(responseCode = "200", description = "The resource", headers = @Header(name = "ETag", required = true,
        description = ReadsOne.ETAG, schema = @Schema(type = "string", maxLength = ReadsOne.MAX_ETAG)))
@ApiResponse(responseCode = "304", description = "Not modified: an ETag in If-None-Match is still the current one",
        headers = @Header(name = "ETag", required = true, description = ReadsOne.ETAG,
                schema = @Schema(type = "string", maxLength = ReadsOne.MAX_ETAG)),
        content = @Content)
@ApiResponse(responseCode = "404", description = "No resource has the id in the path",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
public @interface ReadsOne {

    String ETAG = "The resource's version as a strong entity tag, such as `\"3\"`: send it back in `If-None-Match` "
            + "(304 while unchanged) or `If-Match` (412 if it changed meanwhile)";

    /** {@code "}, a version of up to 19 digits, {@code -} and a hash of up to 8 hex digits, {@code "}. */
    int MAX_ETAG = 32;

    /** Tomcat's limit on the request line and headers together ({@code server.max-http-request-header-size}). */
    int MAX_HEADER = 8_192;
}
