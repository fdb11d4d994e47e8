package com.hellobooks.book;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.hellobooks.web.json.PathId;
import com.hellobooks.web.json.TextRules;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of PATCH /books/{id} as the description shows it. The controller reads a JSON tree
 * instead (see {@code JsonMergePatch}), because there a key sent as {@code null} and a key
 * left out mean different things; the merged result is checked as a {@link BookRequest}.
 */
@Schema(description = "A JSON merge patch (RFC 7396) of a book: keys sent replace, keys left out stay, `null` removes. "
        + "Removing `title` or `description` is a 400, as leaving it out of a PUT is; removing `author_id` clears the author")
record BookPatch(
        @Schema(minLength = 1, maxLength = 255, pattern = TextRules.NO_NUL, example = "Ocean Book") String title,
        @Schema(maxLength = 10_000, pattern = TextRules.NO_NUL, example = "watr 4evr, 2nd ed.") String description,
        @Schema(types = { "integer", "null" }, format = "int64", minimum = "1", maximum = PathId.MAX_ID, example = "1",
                description = "The author's id; `null` clears the author") @JsonProperty("author_id") Long authorId) {
}
