package com.hellobooks.genre;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static com.hellobooks.web.TextRules.NO_NUL;
import static com.hellobooks.web.TextRules.NO_NUL_MESSAGE;

/** The body of POST /genres and PUT /genres/{id}. */
public record GenreRequest(
        @NotBlank @Size(max = 255, message = "must be at most 255 characters") @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String name) {
}
