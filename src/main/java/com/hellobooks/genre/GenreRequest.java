package com.hellobooks.genre;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static com.hellobooks.web.json.TextRules.NO_NUL;
import static com.hellobooks.web.json.TextRules.NO_NUL_MESSAGE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** The body of POST /genres and PUT /genres/{id}. */
public record GenreRequest(
        @Schema(requiredMode = REQUIRED, example = "Fantasy")
        @NotBlank @Size(max = 255, message = "must be at most 255 characters") @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String name) {
}
