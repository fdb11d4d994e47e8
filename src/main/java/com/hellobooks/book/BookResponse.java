package com.hellobooks.book;

import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.hellobooks.author.Author;
import com.hellobooks.genre.Genre;
import com.hellobooks.web.ETags;

/**
 * A book as clients see it. {@code author_id} and {@code author} are left out for a book
 * without an author, as the original API does; {@code genres} (names, in genre id order)
 * is left out while the book has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookResponse(long id, String title, String description, Long authorId, String author,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> genres) {

    /** Reads the author and the genres, so both must be fetched with the book (or batch-loaded). */
    static BookResponse of(Book book) {
        Author author = book.getAuthor();
        List<String> genres = book.getGenres().stream()
                .sorted(Comparator.comparing(Genre::getId))
                .map(Genre::getName)
                .toList();
        return new BookResponse(book.getId(), book.getTitle(), book.getDescription(),
                author == null ? null : author.getId(),
                author == null ? null : author.getName(),
                genres);
    }

    /** The book's version, with its author's and genres' ids and versions, whose names it shows. */
    static String etagOf(Book book) {
        Author author = book.getAuthor();
        LongStream authorPart = author == null ? LongStream.empty() : LongStream.of(author.getId(), author.getVersion());
        LongStream genreParts = book.getGenres().stream()
                .sorted(Comparator.comparing(Genre::getId))
                .flatMapToLong(genre -> LongStream.of(genre.getId(), genre.getVersion()));
        return ETags.of(book.getVersion(), LongStream.concat(authorPart, genreParts).toArray());
    }
}
