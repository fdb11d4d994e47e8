package com.hellobooks.author;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of POST /authors. */
public record AuthorRequest(@NotBlank @Size(max = 255, message = "must be at most 255 characters") String name) {
}
