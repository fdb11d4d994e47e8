package com.hellobooks.author;

import com.hellobooks.web.json.TextRules;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of PATCH /authors/{id} as the description shows it. The controller reads a JSON tree
 * instead (see {@code JsonMergePatch}), because there a key sent as {@code null} and a key
 * left out mean different things; the merged result is checked as a {@link AuthorRequest}.
 */
@Schema(description = "A JSON merge patch (RFC 7396) of an author: keys sent replace, keys left out stay. "
        + "Removing `name` with `null` is a 400, as leaving it out of a PUT is")
record AuthorPatch(
        @Schema(minLength = 1, maxLength = 255, pattern = TextRules.NO_NUL, example = "New Author 1 (revised)") String name) {
}
