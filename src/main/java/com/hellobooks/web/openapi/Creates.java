package com.hellobooks.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * POST of a new resource: 201 with its path and ETag. A header or an error every POST gains
 * is declared here, once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Writes
@ApiResponse(responseCode = "201", description = "Created: the new resource",
        headers = {
                @Header(name = "Location", required = true, description = "The path of the new resource, such as `/books/7`",
                        schema = @Schema(type = "string", format = "uri-reference", maxLength = Creates.MAX_LOCATION)),
                @Header(name = "ETag", required = true, description = ReadsOne.ETAG,
                        schema = @Schema(type = "string", maxLength = ReadsOne.MAX_ETAG)) })
@ApiResponse(responseCode = "413", description = Creates.TOO_LARGE,
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "415", description = Creates.UNSUPPORTED_TYPE,
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
public @interface Creates {

    String TOO_LARGE = "The body is larger than the limit (`hellobooks.http.max-request-body`, 1 MiB by default)";
    String UNSUPPORTED_TYPE = "The Content-Type is not the operation's: `application/json`, or `application/merge-patch+json` for PATCH";

    /** {@code /authors/} and a 19-digit id. */
    int MAX_LOCATION = 64;
}
