package com.hellobooks.book;

import com.hellobooks.support.ApiTest;
import com.hellobooks.support.SqlRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many SQL statements each request sends, counted at the JDBC level. The counts must not
 * grow with the size of a page: no N+1 for authors or genres.
 */
class SqlStatementCountTest extends ApiTest {

    /** Books each with an author and two genres, so every association has something to load. */
    private long seed(int books) {
        long author = createAuthor("A");
        long fantasy = createGenre("Fantasy");
        long classic = createGenre("Classic");
        jdbc.update("INSERT INTO book (title, description, author_id) SELECT 'Book ' || g, '', ? FROM generate_series(1, ?) g", author, books);
        jdbc.update("INSERT INTO book_genre (book_id, genre_id) SELECT id, ? FROM book UNION ALL SELECT id, ? FROM book", fantasy, classic);
        return author;
    }

    private int statementsFor(RestTestClient.RequestHeadersSpec<?> request, int expectedStatus) {
        SqlRecorder.clear();
        request.exchange().expectStatus().isEqualTo(expectedStatus);
        return SqlRecorder.statements().size();
    }

    @Test
    void getOneBookIsOneStatementOutsideAnyTransaction() {
        seed(1);
        long book = jdbc.queryForObject("SELECT min(id) FROM book", Long.class);

        assertThat(statementsFor(http.get().uri("/books/{id}", book), 200)).isEqualTo(1);
        // autocommit: no COMMIT round trip after the SELECT
        assertThat(SqlRecorder.commits()).isZero();
        assertThat(statementsFor(http.get().uri("/books?limit=100"), 200)).isEqualTo(1);
        assertThat(SqlRecorder.commits()).isZero();
        // a write to the book is one statement in autocommit too: no COMMIT round trip either
        statementsFor(http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t2\", \"description\": \"d\"}"), 204);
        assertThat(SqlRecorder.commits()).isZero();
    }

    @Test
    void aListPageIsOneStatementWhateverItsSize() {
        seed(100);

        // the page with authors joined in and each book's genres aggregated
        assertThat(statementsFor(http.get().uri("/books?limit=1"), 200)).isEqualTo(1);
        assertThat(statementsFor(http.get().uri("/books?limit=100"), 200)).isEqualTo(1);
        assertThat(statementsFor(http.get().uri("/books?limit=100&sort=-title&title=book"), 200)).isEqualTo(1);
        assertThat(statementsFor(http.get().uri("/authors?limit=100"), 200)).isEqualTo(1);
        assertThat(statementsFor(http.get().uri("/genres?limit=100"), 200)).isEqualTo(1);
    }

    @Test
    void anAuthorsOrGenresBooksAreOneStatementAndTwoWhenThereAreNone() {
        long author = seed(100);
        long genre = jdbc.queryForObject("SELECT min(id) FROM genre", Long.class);
        long lonely = createAuthor("No books");

        assertThat(statementsFor(http.get().uri("/authors/{id}/books?limit=1", author), 200)).isEqualTo(1);
        assertThat(statementsFor(http.get().uri("/authors/{id}/books?limit=100", author), 200)).isEqualTo(1);
        assertThat(statementsFor(http.get().uri("/genres/{id}/books?limit=100", genre), 200)).isEqualTo(1);
        // an empty page: the books query, then the lookup that tells "no books" from "no author"
        assertThat(statementsFor(http.get().uri("/authors/{id}/books", lonely), 200)).isEqualTo(2);
    }

    @Test
    void writesSendOnlyWhatTheMappingNeeds() {
        long author = createAuthor("A");

        // POST: the insert, with the author joined for its name, in autocommit (no COMMIT sent)
        assertThat(statementsFor(http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\"}"), 201)).isEqualTo(1);
        assertThat(statementsFor(http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + author + "}"), 201)).isEqualTo(1);
        assertThat(SqlRecorder.statements()).singleElement().asString().startsWith("WITH b AS (").contains("INSERT INTO book");
        assertThat(SqlRecorder.commits()).isZero();
        // with an Idempotency-Key: the same insert and the stored answer, committed together; the
        // COMMIT goes in the same round trip as the stored answer (the connection's commit() then sends nothing)
        assertThat(statementsFor(http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "k1")
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + author + "}"), 201)).isEqualTo(2);
        assertThat(SqlRecorder.statements().get(0)).startsWith("WITH b AS (");
        assertThat(SqlRecorder.statements().get(1)).startsWith("INSERT INTO idempotency_key").endsWith("COMMIT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE key = 'k1'", Integer.class)).isEqualTo(1);
        // the nested POSTs and POST /authors and /genres: one INSERT each in autocommit too (the
        // nested ones after the path check that comes before the body, as in the original)
        long genre = createGenre("G");
        assertThat(statementsFor(http.post().uri("/authors/{id}/books", author).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\"}"), 201)).isEqualTo(2);
        assertThat(SqlRecorder.statements().get(1)).startsWith("WITH b AS (").contains("INSERT INTO book");
        assertThat(statementsFor(http.post().uri("/genres/{id}/books", genre).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + author + "}"), 201)).isEqualTo(2);
        assertThat(SqlRecorder.statements().get(1)).startsWith("WITH g AS (").contains("INSERT INTO book_genre");
        assertThat(statementsFor(http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"n\"}"), 201)).isEqualTo(1);
        assertThat(statementsFor(http.post().uri("/genres").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"n\"}"), 201)).isEqualTo(1);
        assertThat(SqlRecorder.commits()).isZero();
        // an unknown author: the same one statement, refused by the foreign key (422, nothing stored)
        assertThat(statementsFor(http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + (author + 1000) + "}"), 422)).isEqualTo(1);
        long book = jdbc.queryForObject("SELECT max(id) FROM book", Long.class);
        // PUT: one UPDATE, which answers with the book, its author and genres (for the ETag)
        assertThat(statementsFor(http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t2\", \"description\": \"d\"}"), 204)).isEqualTo(1);
        assertThat(SqlRecorder.statements()).singleElement().asString().startsWith("WITH book AS (").contains("UPDATE book SET");
        // setting an author: the same statement, whose foreign key looks the author up
        long authored = jdbc.queryForObject("SELECT min(id) FROM book WHERE author_id IS NOT NULL", Long.class);
        assertThat(statementsFor(http.put().uri("/books/{id}", authored).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t3\", \"description\": \"d\", \"author_id\": " + author + "}"), 204)).isEqualTo(1);
        // PATCH: the current book, then the UPDATE on the version read
        assertThat(statementsFor(http.patch().uri("/books/{id}", authored).contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .body("{\"title\": \"t4\"}"), 204)).isEqualTo(2);
        // with If-Match: the read that checks it, then the UPDATE on that version; a stale one is refused after the read alone
        String etag = http.get().uri("/books/{id}", authored).exchange().returnResult().getResponseHeaders().getETag();
        assertThat(statementsFor(http.put().uri("/books/{id}", authored).contentType(MediaType.APPLICATION_JSON).header("If-Match", etag)
                .body("{\"title\": \"t5\", \"description\": \"d\"}"), 204)).isEqualTo(2);
        assertThat(statementsFor(http.delete().uri("/books/{id}", authored).header("If-Match", etag), 412)).isEqualTo(1);
        assertThat(SqlRecorder.statements()).singleElement().asString().startsWith("SELECT");
        assertThat(SqlRecorder.commits()).isZero();
        // DELETE: one statement; the database takes the genre links with the book (ON DELETE CASCADE)
        assertThat(statementsFor(http.delete().uri("/books/{id}", book), 204)).isEqualTo(1);
        assertThat(SqlRecorder.statements()).singleElement().asString().startsWith("DELETE FROM book");
    }
}
