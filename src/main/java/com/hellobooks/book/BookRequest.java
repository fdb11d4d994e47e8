package com.hellobooks.book;

import com.hellobooks.web.NullableField;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static com.hellobooks.web.TextRules.NO_NUL;
import static com.hellobooks.web.TextRules.NO_NUL_MESSAGE;

/**
 * The body of POST /books, PUT /books/{id} and POST /authors/{id}/books. Components are
 * declared in the order the original API reports missing fields: title, then description.
 *
 * @param authorId missing: no author (POST) or keep the author (PUT); {@code null}: no author
 */
public record BookRequest(
        @NotBlank @Size(max = 255, message = "must be at most 255 characters") @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String title,
        @NotNull @Size(max = 10_000, message = "must be at most 10000 characters") @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String description,
        @Schema(description = "The author's id, or null for no author. Left out: no author on POST; on PUT the book keeps its author.")
        NullableField<Long> authorId) {
}
