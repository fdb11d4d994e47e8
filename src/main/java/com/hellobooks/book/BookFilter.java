package com.hellobooks.book;

/** The query parameters of GET /books (and the nested lists' owner), ANDed; a null parameter does not filter. */
public record BookFilter(String title, String description, Long authorId, Long genreId) {

    public BookFilter(String title, String description, Long authorId) {
        this(title, description, authorId, null);
    }

    public static BookFilter byAuthor(long authorId) {
        return new BookFilter(null, null, authorId, null);
    }

    public static BookFilter byGenre(long genreId) {
        return new BookFilter(null, null, null, genreId);
    }
}
