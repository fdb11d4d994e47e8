package com.hellobooks.book;

import java.sql.SQLException;
import java.util.List;

import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.errors.UnknownReferenceException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * POST /books as one SQL statement in autocommit: the INSERT, with the author joined in the
 * same statement for the response. Through the entity it was four round trips (BEGIN, look
 * the author up, INSERT, COMMIT); here the foreign key does the lookup, and a missing author
 * is the key's violation, answered with the same 422 as before.
 *
 * <p>A new book has no genres, and its version is 0, as Hibernate would have written it. Only
 * this insert is SQL: the nested POSTs (which add a genre, or take the author from the path)
 * and every change to an existing book stay on the {@link Book} entity.
 */
@Component
class BookInsert {

    /**
     * The CTE's INSERT and the SELECT run as one statement on one snapshot; the LEFT JOIN sees
     * the author the foreign key check found (the check locks its row until the commit).
     */
    private static final String INSERT_BOOK = """
            WITH b AS (
                INSERT INTO book (title, description, author_id, version) VALUES (?, ?, ?, 0)
                RETURNING id, title, description, author_id, version)
            SELECT b.id, b.title, b.description, b.author_id, b.version, a.name AS author_name, a.version AS author_version
            FROM b LEFT JOIN author a ON a.id = b.author_id""";

    /** SQL state of a foreign key violation; the author is the only key a new book refers to. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final Long[] NONE = new Long[0];

    private final JdbcClient jdbc;

    BookInsert(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Outside a transaction this is the whole write, committed by itself. Inside one (a POST with
     * an Idempotency-Key, see {@code IdempotencyKeyFilter}) it is that transaction's first
     * statement, committed with the stored answer.
     */
    Tagged<BookResponse> insert(String title, String description, Long authorId) {
        try {
            return jdbc.sql(INSERT_BOOK).params(title, description, authorId)
                    .query((row, n) -> {
                        Long author = row.getObject("author_id", Long.class);
                        long version = row.getLong("version");
                        BookResponse book = new BookResponse(row.getLong("id"), row.getString("title"),
                                row.getString("description"), author, row.getString("author_name"), List.of());
                        return new Tagged<>(book, BookResponse.etag(version, author, row.getLong("author_version"), NONE, NONE));
                    })
                    .single();
        } catch (DataIntegrityViolationException ex) {
            if (authorId != null && ex.getMostSpecificCause() instanceof SQLException sql
                    && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                throw new UnknownReferenceException("Author", authorId);
            }
            throw ex;
        }
    }
}
