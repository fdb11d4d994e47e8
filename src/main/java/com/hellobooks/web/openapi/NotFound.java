package com.hellobooks.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * 404 for an operation whose path names a parent ({@code /authors/{id}/books}) or two rows
 * ({@code /genres/{id}/books/{bookId}}); {@link ReadsOne}, {@link Updates} and
 * {@link Deletes} include it already.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@ApiResponse(responseCode = "404", description = "No row has an id in the path, such as `Author 999 not found`",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
public @interface NotFound {
}
