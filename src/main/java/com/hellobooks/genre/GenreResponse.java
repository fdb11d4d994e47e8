package com.hellobooks.genre;

/** A genre as clients see it. */
public record GenreResponse(long id, String name) {

    static GenreResponse of(Genre genre) {
        return new GenreResponse(genre.getId(), genre.getName());
    }
}
