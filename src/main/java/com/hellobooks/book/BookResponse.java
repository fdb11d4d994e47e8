package com.hellobooks.book;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.hellobooks.author.Author;

/**
 * A book as clients see it. {@code author_id} and {@code author} are left out for a book
 * without an author, as the original API does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookResponse(long id, String title, String description, Long authorId, String author) {

    /** Reads the author's name, so the author must have been fetched with the book. */
    static BookResponse of(Book book) {
        Author author = book.getAuthor();
        return new BookResponse(book.getId(), book.getTitle(), book.getDescription(),
                author == null ? null : author.getId(),
                author == null ? null : author.getName());
    }
}
