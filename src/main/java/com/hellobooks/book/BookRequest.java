package com.hellobooks.book;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.hellobooks.web.json.NullableField;
import com.hellobooks.web.json.PathId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static com.hellobooks.web.json.TextRules.NO_NUL;
import static com.hellobooks.web.json.TextRules.NO_NUL_MESSAGE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The body of POST /books, PUT /books/{id} and POST /authors/{id}/books. Components are
 * declared in the order the original API reports missing fields: title, then description.
 *
 * @param authorId missing: no author (POST) or keep the author (PUT); {@code null}: no author
 */
public record BookRequest(
        @Schema(requiredMode = REQUIRED, example = "Ocean Book")
        @NotBlank @Size(max = 255, message = "must be at most 255 characters") @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String title,
        @Schema(requiredMode = REQUIRED, example = "watr 4evr", description = "May be empty")
        @NotNull @Size(max = 10_000, message = "must be at most 10000 characters") @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String description,
        @Schema(types = { "integer", "null" }, format = "int64", minimum = "1", maximum = PathId.MAX_ID, example = "1",
                description = "The author's id, or null for no author. Left out: no author on POST; on PUT the book keeps its author.")
        @JsonProperty("author_id") NullableField<Long> authorId) {
}
