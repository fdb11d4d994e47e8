package com.hellobooks.book;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

import com.hellobooks.web.conditional.Current;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.errors.UnknownReferenceException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The writes to a book's own row, each one SQL statement in autocommit on the primary: POST
 * /books, /authors/{id}/books and /genres/{id}/books, and PUT, PATCH and DELETE /books/{id}.
 *
 * <p>POST is the INSERT, with the author joined in the same statement for the response. Through
 * the entity it was four round trips (BEGIN, look the author up, INSERT, COMMIT); here the
 * foreign key does the lookup, and a missing author is the key's violation, answered with the
 * same 422 as before. A new book's version is 0, as Hibernate would have written it. A POST in
 * a genre reads the path's genre in the same statement, locked against a concurrent DELETE,
 * writes nothing when it is gone (the 404), and inserts the book's link to it with the book.
 *
 * <p>PUT, PATCH and DELETE are one statement whose WHERE holds the version check, so nothing
 * can come between the check and the write. In autocommit a row lock lasts as long as that one
 * statement: a writer that loses to another waits for the other's statement (not for a whole
 * transaction), finds the version gone, and hands its pool connection back within milliseconds.
 * Before that, a stale If-Match is refused on a plain read, which locks nothing
 * ({@link #current}). The genre links of existing books stay on the {@link Book} entity.
 */
@Component
class BookWrites {

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

    /**
     * The path's genre, its row locked (KEY SHARE, as a foreign key check would) so it cannot
     * go before the commit, and the book's link to it. The link is not visible to
     * the statement's own SELECT, so the genre is taken from the CTE that read it; the author
     * in the body is the foreign key's to check, as in POST /books.
     */
    private static final String INSERT_BOOK_IN_GENRE = """
            WITH g AS (SELECT id, name, version FROM genre WHERE id = ? FOR KEY SHARE),
            b AS (
                INSERT INTO book (title, description, author_id, version) SELECT ?, ?, ?, 0 FROM g
                RETURNING id, title, description, author_id, version),
            link AS (INSERT INTO book_genre (book_id, genre_id) SELECT b.id, g.id FROM b CROSS JOIN g)
            SELECT b.id, b.title, b.description, b.author_id, b.version, a.name AS author_name, a.version AS author_version,
                g.id AS genre_id, g.name AS genre_name, g.version AS genre_version
            FROM b CROSS JOIN g LEFT JOIN author a ON a.id = b.author_id""";

    /**
     * The new fields, on the given version (a null version: whatever it is). The author changes
     * only when the body has the key. A write that changes nothing keeps the version, and so the
     * ETag, as Hibernate's dirty check did. The CTE is named book so that the reads' SELECT,
     * run on it, answers with the written row, its author and its genres.
     */
    private static final String UPDATE_BOOK = """
            WITH book AS (
                UPDATE book SET title = :title, description = :description,
                    author_id = CASE WHEN :setAuthor THEN :authorId ELSE author_id END,
                    version = version + CASE WHEN (title, description, author_id) IS NOT DISTINCT FROM
                        (:title, :description, CASE WHEN :setAuthor THEN :authorId ELSE author_id END) THEN 0 ELSE 1 END
                WHERE id = :id AND version = COALESCE(:version, version)
                RETURNING id, title, description, version, author_id)
            """ + BookQueries.SELECT_BOOKS;

    /** Its genre links go with it (ON DELETE CASCADE). */
    private static final String DELETE_BOOK = "DELETE FROM book WHERE id = :id AND version = COALESCE(:version, version)";

    /** SQL state of a foreign key violation. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /**
     * The book's key to its author (V2). The genre link a POST in a genre inserts has keys too,
     * which its locked genre and its new book keep from failing; only this one means "no such
     * author". PostgreSQL names the constraint in its message in every language.
     */
    private static final String AUTHOR_KEY = "book_author_id_fkey";

    private static final Long[] NONE = new Long[0];

    private final JdbcClient jdbc;

    BookWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Outside a transaction this is the whole write, committed by itself. Inside one (a POST with
     * an Idempotency-Key, see {@code IdempotencyKeyFilter}) it is that transaction's first
     * statement, committed with the stored answer.
     */
    Tagged<BookResponse> insert(String title, String description, Long authorId) {
        try {
            return jdbc.sql(INSERT_BOOK).params(title, description, authorId).query((row, n) -> inserted(row, List.of(), NONE, NONE)).single();
        } catch (DataIntegrityViolationException ex) {
            throw unknownAuthor(ex, authorId);
        }
    }

    /** Empty when the genre is gone (the 404); 422 when the body's author does not exist. */
    Optional<Tagged<BookResponse>> insertInGenre(long genreId, String title, String description, Long authorId) {
        try {
            return jdbc.sql(INSERT_BOOK_IN_GENRE).params(genreId, title, description, authorId)
                    .query((row, n) -> inserted(row, List.of(row.getString("genre_name")),
                            new Long[] { row.getLong("genre_id") }, new Long[] { row.getLong("genre_version") }))
                    .optional();
        } catch (DataIntegrityViolationException ex) {
            throw unknownAuthor(ex, authorId);
        }
    }

    /** A new book, from the columns the INSERT statements answer with. */
    private static Tagged<BookResponse> inserted(ResultSet row, List<String> genres, Long[] genreIds, Long[] genreVersions) throws SQLException {
        Long author = row.getObject("author_id", Long.class);
        BookResponse book = new BookResponse(row.getLong("id"), row.getString("title"), row.getString("description"),
                author, row.getString("author_name"), genres);
        return new Tagged<>(book, BookResponse.etag(row.getLong("version"), author, row.getLong("author_version"), genreIds, genreVersions));
    }

    /** On the primary (a replica may lag behind the ETag the client has), without a lock. */
    Optional<Current<BookResponse>> current(long id) {
        return jdbc.sql(BookQueries.SELECT_BOOKS + " WHERE b.id = ?").param(id)
                .query((row, n) -> new Current<>(BookQueries.book(row), BookQueries.etag(row), row.getLong("version")))
                .optional();
    }

    /** Empty when no row was written: the book is gone, or is no longer at that version. */
    Optional<Tagged<BookResponse>> update(long id, Long version, BookRequest book) {
        Long authorId = book.authorId() == null ? null : book.authorId().value();
        try {
            return jdbc.sql(UPDATE_BOOK)
                    .param("id", id).param("version", version, Types.BIGINT)
                    .param("title", book.title()).param("description", book.description())
                    .param("setAuthor", book.authorId() != null).param("authorId", authorId, Types.BIGINT)
                    .query(BookQueries::tagged)
                    .optional();
        } catch (DataIntegrityViolationException ex) {
            throw unknownAuthor(ex, authorId);
        }
    }

    /** False when no row went: the book is gone, or is no longer at that version. */
    boolean delete(long id, Long version) {
        return jdbc.sql(DELETE_BOOK).param("id", id).param("version", version, Types.BIGINT).update() == 1;
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM book WHERE id = ?)").param(id).query(Boolean.class).single();
    }

    private static RuntimeException unknownAuthor(DataIntegrityViolationException ex, Long authorId) {
        if (authorId != null && ex.getMostSpecificCause() instanceof SQLException sql
                && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState()) && String.valueOf(sql.getMessage()).contains(AUTHOR_KEY)) {
            return new UnknownReferenceException("Author", authorId);
        }
        return ex;
    }
}
