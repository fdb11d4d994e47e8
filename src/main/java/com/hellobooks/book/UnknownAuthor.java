package com.hellobooks.book;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.hellobooks.web.openapi.ApiErrors;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The 422 of a book body whose {@code author_id} names no author. Not on
 * {@code POST /authors/{id}/books}, where the path names the author and the key is ignored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "422", description = "`author_id` names no author, such as `Author 12 not found`",
        content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = "#/components/schemas/Problem")))
public @interface UnknownAuthor {
}
