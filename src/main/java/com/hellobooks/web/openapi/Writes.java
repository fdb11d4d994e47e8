package com.hellobooks.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * Any request that changes something: it needs a bearer token with the {@code books:write}
 * scope once the server checks tokens. {@link Creates}, {@link Updates} and {@link Deletes}
 * carry it; a write of another shape (linking a book to a genre) takes it directly.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
// A scope list is for OAuth2 schemes only (OpenAPI 3.1: roles, for the others); the scheme's description names it.
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
@ApiResponse(responseCode = "403", description = "Only when the server checks tokens: the token lacks the `books:write` scope",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
public @interface Writes {
}
