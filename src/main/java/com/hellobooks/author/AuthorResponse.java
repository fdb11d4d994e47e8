package com.hellobooks.author;

import com.hellobooks.web.json.PathId;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** An author as clients see it. */
public record AuthorResponse(
        @Schema(requiredMode = REQUIRED, format = "int64", minimum = "1", maximum = PathId.MAX_ID, example = "1") long id,
        @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 255, example = "New Author 1") String name) {

    static AuthorResponse of(Author author) {
        return new AuthorResponse(author.getId(), author.getName());
    }
}
