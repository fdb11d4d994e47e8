package com.hellobooks.genre;

import com.hellobooks.web.json.PathId;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A genre as clients see it. */
public record GenreResponse(
        @Schema(requiredMode = REQUIRED, format = "int64", minimum = "1", maximum = PathId.MAX_ID, example = "1") long id,
        @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 255, example = "Fantasy") String name) {

    static GenreResponse of(Genre genre) {
        return new GenreResponse(genre.getId(), genre.getName());
    }
}
