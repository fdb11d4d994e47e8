package com.hellobooks.book;

import com.hellobooks.web.SubstringFilter;
import org.springframework.data.jpa.domain.Specification;

/** The query parameters of GET /books, ANDed; a null parameter does not filter. */
public record BookFilter(String title, String description, Long authorId) {

    public static BookFilter byAuthor(long authorId) {
        return new BookFilter(null, null, authorId);
    }

    Specification<Book> toSpecification() {
        Specification<Book> byAuthor = authorId == null
                ? Specification.unrestricted()
                : (root, query, cb) -> cb.equal(root.get("author").get("id"), authorId);
        return SubstringFilter.<Book>containsIgnoringCase("title", title)
                .and(SubstringFilter.containsIgnoringCase("description", description))
                .and(byAuthor);
    }
}
