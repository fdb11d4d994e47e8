package com.hellobooks.book;

import com.hellobooks.web.SubstringFilter;
import org.springframework.data.jpa.domain.Specification;

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

    Specification<Book> toSpecification() {
        Specification<Book> byAuthor = authorId == null
                ? Specification.unrestricted()
                : (root, query, cb) -> cb.equal(root.get("author").get("id"), authorId);
        Specification<Book> byGenre = genreId == null
                ? Specification.unrestricted()
                : (root, query, cb) -> cb.equal(root.join("genres").get("id"), genreId);
        return SubstringFilter.<Book>containsIgnoringCase("title", title)
                .and(SubstringFilter.containsIgnoringCase("description", description))
                .and(byAuthor)
                .and(byGenre);
    }
}
