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
import org.springframework.http.MediaType;

/**
 * The errors any request can meet, whatever its operation: put on every controller. The
 * annotations next to this one ({@link ReadsOne}, {@link Creates}...) add what one shape of
 * operation adds; {@link ApiOperationCustomizer} adds {@code X-Request-Id} to every response.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@ApiResponse(responseCode = "400", description = "Bad request: a path id, query parameter, header or body the API does not accept, "
        + "or a malformed URL; `message` says which, and `errors` lists each problem with a field of the body or a query parameter",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "401", description = "Only when the server checks tokens (see docs, Security): a bearer token that is "
        + "expired, malformed or not signed by the configured issuer; or none, on a write or on a read when reads are protected. "
        + "`WWW-Authenticate` says which",
        headers = @Header(name = "WWW-Authenticate", required = true, description = "The bearer challenge (RFC 6750)",
                schema = @Schema(type = "string", maxLength = 1024)),
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "405", description = "The path does not have this method; `Allow` lists those it has",
        headers = @Header(name = "Allow", required = true, description = "The methods the path has, such as `GET, PUT, PATCH, DELETE`",
                schema = @Schema(type = "string", maxLength = 64)),
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "406", description = "`Accept` allows neither `application/json` nor `application/problem+json`",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "500", description = "A bug. Quote the correlation id (`correlation_id`, `X-Request-Id`) when reporting it",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
@ApiResponse(responseCode = "503", description = "The database is unreachable, or too many requests are in progress; "
        + "try again after `Retry-After` seconds",
        headers = @Header(name = "Retry-After", required = true, description = "Seconds to wait before trying again",
                schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "60")),
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
public @interface ApiErrors {

    String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
}
