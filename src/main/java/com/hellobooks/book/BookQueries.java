package com.hellobooks.book;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.hellobooks.database.ReadOnlyJdbc;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.paging.ListPage;
import com.hellobooks.web.paging.ListQuery;
import com.hellobooks.web.paging.ListRequest;
import org.springframework.stereotype.Component;

/**
 * The book reads, each one SQL statement in autocommit ({@link ReadOnlyJdbc} says why): a book
 * with its author and genres, and pages of books. {@link BookWrites} answers its writes with
 * the same SELECT and mapping, so a write's ETag is by construction the one a GET shows.
 */
@Component
class BookQueries {

    /**
     * A book, its author, and its genres aggregated in genre id order. The lateral subquery runs
     * once per book returned (an index probe on book_genre's key), after the LIMIT, so a page
     * of 100 books costs one statement, not one per book.
     */
    static final String SELECT_BOOKS = """
            SELECT b.id, b.title, b.description, b.version, b.author_id, a.name AS author_name, a.version AS author_version,
                   g.ids AS genre_ids, g.names AS genre_names, g.versions AS genre_versions
            FROM book b
            LEFT JOIN author a ON a.id = b.author_id
            LEFT JOIN LATERAL (
                SELECT array_agg(g.id ORDER BY g.id) AS ids, array_agg(g.name ORDER BY g.id) AS names,
                       array_agg(g.version ORDER BY g.id) AS versions
                FROM book_genre bg JOIN genre g ON g.id = bg.genre_id
                WHERE bg.book_id = b.id) g ON true""";

    private final ReadOnlyJdbc jdbc;

    BookQueries(ReadOnlyJdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Tagged<BookResponse>> find(long id) {
        return jdbc.sql(SELECT_BOOKS + " WHERE b.id = ?").param(id).query(BookQueries::tagged).optional();
    }

    ListPage<BookResponse> page(Filter filter, ListRequest<BookResponse> request) {
        ListQuery<BookResponse> query = ListQuery.of(request)
                .whereContains("b.title", "title", filter.title())
                .whereContains("b.description", "description", filter.description());
        if (filter.authorId() != null) {
            query.where("b.author_id = ?", filter.authorId());
        }
        if (filter.genreId() != null) {
            query.where("EXISTS (SELECT 1 FROM book_genre f WHERE f.book_id = b.id AND f.genre_id = ?)", filter.genreId());
        }
        return query.page(jdbc::sql, SELECT_BOOKS, (row, n) -> book(row));
    }

    static Tagged<BookResponse> tagged(ResultSet row, int rowNumber) throws SQLException {
        return new Tagged<>(book(row), etag(row));
    }

    static BookResponse book(ResultSet row) throws SQLException {
        Long authorId = row.getObject("author_id", Long.class);
        String[] genres = array(row.getArray("genre_names"), new String[0]);
        return new BookResponse(row.getLong("id"), row.getString("title"), row.getString("description"),
                authorId, row.getString("author_name"), List.of(genres));
    }

    /** The ETag of the row's book: {@link BookResponse#etag}, from the columns the statement answers with. */
    static String etag(ResultSet row) throws SQLException {
        Long[] genreIds = array(row.getArray("genre_ids"), new Long[0]);
        Long[] genreVersions = array(row.getArray("genre_versions"), new Long[0]);
        return BookResponse.etag(row.getLong("version"), row.getObject("author_id", Long.class),
                row.getLong("author_version"), genreIds, genreVersions);
    }

    @SuppressWarnings("unchecked")
    private static <E> E[] array(Array array, E[] empty) throws SQLException {
        return array == null ? empty : (E[]) array.getArray();
    }

    /** The query parameters of GET /books (and the nested lists' owner), ANDed; a null parameter does not filter. */
    public record Filter(String title, String description, Long authorId, Long genreId) {

        public Filter(String title, String description, Long authorId) {
            this(title, description, authorId, null);
        }

        public static Filter byAuthor(long authorId) {
            return new Filter(null, null, authorId, null);
        }

        public static Filter byGenre(long genreId) {
            return new Filter(null, null, null, genreId);
        }
    }
}
