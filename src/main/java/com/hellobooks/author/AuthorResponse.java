package com.hellobooks.author;

/** An author as clients see it. */
public record AuthorResponse(long id, String name) {

    static AuthorResponse of(Author author) {
        return new AuthorResponse(author.getId(), author.getName());
    }
}
