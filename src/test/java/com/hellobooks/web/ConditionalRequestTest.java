package com.hellobooks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** ETags from @Version columns: If-None-Match gives 304, a stale If-Match gives 412. */
class ConditionalRequestTest extends ApiTest {

    private String etagOf(String path) {
        String etag = http.get().uri(path).exchange().expectStatus().isOk().returnResult().getResponseHeaders().getETag();
        assertThat(etag).as("ETag of " + path).matches("\"[^\"]+\"");
        return etag;
    }

    @Test
    void aCreatedResourceCarriesTheETagItsGetWillShow() {
        long author = createAuthor("Ursula");
        long genre = createGenre("Fantasy");
        for (String[] create : new String[][] { { "/books", "{\"title\": \"t\", \"description\": \"d\"}" },
                { "/books", "{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + author + "}" },
                { "/authors/" + author + "/books", "{\"title\": \"t\", \"description\": \"d\"}" },
                { "/genres/" + genre + "/books", "{\"title\": \"t\", \"description\": \"d\"}" },
                { "/genres/" + genre + "/books", "{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + author + "}" },
                { "/authors", "{\"name\": \"n\"}" }, { "/genres", "{\"name\": \"g\"}" } }) {
            var created = http.post().uri(create[0]).contentType(MediaType.APPLICATION_JSON).body(create[1]).exchange()
                    .expectStatus().isCreated().returnResult().getResponseHeaders();
            assertThat(created.getETag()).isEqualTo(etagOf(created.getLocation().toString()));
        }
    }

    @Test
    void ifNoneMatchWithTheCurrentETagIs304WithoutABody() {
        long book = createBook("t", "d");
        String etag = etagOf("/books/" + book);

        http.get().uri("/books/{id}", book).header("If-None-Match", etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals("ETag", etag)
                .expectBody().isEmpty();
        http.get().uri("/books/{id}", book).header("If-None-Match", "\"stale\"").exchange()
                .expectStatus().isOk();
    }

    /** RFC 9110 section 13.1.2: "*" is false when a current representation exists, so a GET of one is a 304. */
    @Test
    void ifNoneMatchStarOnAnExistingResourceIs304() {
        long author = createAuthor("a");
        long genre = createGenre("g");
        long book = createBook("t", "d", author);
        for (String path : List.of("/books/" + book, "/authors/" + author, "/genres/" + genre)) {
            String etag = etagOf(path);
            http.get().uri(path).header("If-None-Match", "*").exchange()
                    .expectStatus().isNotModified()
                    .expectHeader().valueEquals("ETag", etag)
                    .expectBody().isEmpty();
            http.head().uri(path).header("If-None-Match", " * ").exchange().expectStatus().isNotModified();
        }
        // No current representation: "*" is true, so the GET goes ahead and its answer is the 404.
        http.get().uri("/books/999").header("If-None-Match", "*").exchange().expectStatus().isNotFound();
        // A list of tags is still compared weakly, and "*" inside a quoted tag is only a character.
        String etag = etagOf("/books/" + book);
        http.get().uri("/books/{id}", book).header("If-None-Match", "\"x\", W/" + etag).exchange().expectStatus().isNotModified();
        http.get().uri("/books/{id}", book).header("If-None-Match", "\"x\", \"*\"").exchange().expectStatus().isOk();
    }

    @Test
    void everyWriteChangesTheETagAndAnswersWithTheNewOne() {
        long book = createBook("t", "d");
        String before = etagOf("/books/" + book);

        String answered = http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t2\", \"description\": \"d\"}").exchange()
                .expectStatus().isNoContent()
                .returnResult().getResponseHeaders().getETag();

        assertThat(answered).isNotEqualTo(before).isEqualTo(etagOf("/books/" + book));
        http.get().uri("/books/{id}", book).header("If-None-Match", before).exchange().expectStatus().isOk();
    }

    @Test
    void aBooksETagChangesWhenItsAuthorOrGenresChange() {
        long author = createAuthor("A");
        long genre = createGenre("G");
        long book = createBook("t", "d", author);
        String first = etagOf("/books/" + book);

        http.put().uri("/authors/{id}", author).contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"Renamed\"}")
                .exchange().expectStatus().isNoContent();
        String afterRename = etagOf("/books/" + book);
        http.put().uri("/genres/{g}/books/{b}", genre, book).exchange().expectStatus().isNoContent();
        String afterGenre = etagOf("/books/" + book);
        http.put().uri("/genres/{id}", genre).contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"G2\"}")
                .exchange().expectStatus().isNoContent();
        String afterGenreRename = etagOf("/books/" + book);

        assertThat(List.of(first, afterRename, afterGenre, afterGenreRename)).doesNotHaveDuplicates();
    }

    /** Reads (SQL rows) and writes (entities) compute a book's ETag apart; they must agree. */
    @Test
    void theETagAGetShowsIsTheOneWritesCheckAndAnswerWith() {
        long author = createAuthor("A");
        long book = createBook("t", "d", author);
        for (String name : List.of("G1", "G2")) {
            http.put().uri("/genres/{g}/books/{b}", createGenre(name), book).exchange().expectStatus().isNoContent();
        }
        String read = etagOf("/books/" + book);

        String written = http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", read)
                .body("{\"title\": \"t2\", \"description\": \"d\"}").exchange()
                .expectStatus().isNoContent()
                .returnResult().getResponseHeaders().getETag();

        assertThat(written).isNotEqualTo(read).isEqualTo(etagOf("/books/" + book));
        http.delete().uri("/books/{id}", book).header("If-Match", written).exchange().expectStatus().isNoContent();
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        long book = createBook("t", "d");
        String stale = etagOf("/books/" + book);
        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"changed\", \"description\": \"d\"}").exchange().expectStatus().isNoContent();

        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", stale)
                .body("{\"title\": \"lost update\", \"description\": \"d\"}").exchange()
                .expectStatus().isEqualTo(412)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo("Book " + book + " has changed since the ETag in If-Match; GET it again and retry");
        http.delete().uri("/books/{id}", book).header("If-Match", stale).exchange().expectStatus().isEqualTo(412);

        http.get().uri("/books/{id}", book).exchange().expectBody().jsonPath("$.title").isEqualTo("changed");
    }

    @Test
    void theCurrentETagOrAStarLetsTheWriteThrough() {
        long book = createBook("t", "d");
        String current = etagOf("/books/" + book);

        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"nope\", " + current)
                .body("{\"title\": \"t2\", \"description\": \"d\"}").exchange().expectStatus().isNoContent();
        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", "*")
                .body("{\"title\": \"t3\", \"description\": \"d\"}").exchange().expectStatus().isNoContent();
        http.delete().uri("/books/{id}", book).header("If-Match", etagOf("/books/" + book)).exchange().expectStatus().isNoContent();
        http.get().uri("/books/{id}", book).exchange().expectStatus().isNotFound();
    }

    @Test
    void aWeakETagNeverMatchesAndAMalformedIfMatchIs400() {
        long author = createAuthor("A");
        String current = etagOf("/authors/" + author);

        http.put().uri("/authors/{id}", author).contentType(MediaType.APPLICATION_JSON).header("If-Match", "W/" + current)
                .body("{\"name\": \"B\"}").exchange().expectStatus().isEqualTo(412);
        http.put().uri("/authors/{id}", author).contentType(MediaType.APPLICATION_JSON).header("If-Match", "3")
                .body("{\"name\": \"B\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
    }

    /** If-Match is "*" or a comma-separated list of entity tags (RFC 9110, 13.1.1); anything else is the client's 400. */
    @Test
    void anIfMatchThatIsNotAListOfETagsIs400OnEveryWrite() {
        long book = createBook("t", "d");
        String current = etagOf("/books/" + book);
        for (String malformed : List.of("3", "", " ", current + " x", current + ",, \"a\"", "\"3", "*, " + current)) {
            http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", malformed)
                    .body("{\"title\": \"t2\", \"description\": \"d\"}").exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").isEqualTo("Invalid request: If-Match must be * or a list of quoted ETags such as \"3\"");
            http.patch().uri("/books/{id}", book).contentType(MediaType.parseMediaType("application/merge-patch+json"))
                    .header("If-Match", malformed).body("{\"title\": \"t2\"}").exchange().expectStatus().isBadRequest();
            http.delete().uri("/books/{id}", book).header("If-Match", malformed).exchange().expectStatus().isBadRequest();
        }
        // well-formed lists, even of tags that can never match: a trailing comma, an empty tag, weak tags only
        for (String stale : List.of("\"\"", "W/\"x\", W/" + current, "\"x\",")) {
            http.delete().uri("/books/{id}", book).header("If-Match", stale).exchange().expectStatus().isEqualTo(412);
        }
        http.delete().uri("/books/{id}", book).header("If-Match", " \"x\" ,\t" + current + ",").exchange().expectStatus().isNoContent();
    }

    @Test
    void authorsAndGenresHonourIfMatchToo() {
        long author = createAuthor("A");
        long genre = createGenre("G");
        for (String path : List.of("/authors/" + author, "/genres/" + genre)) {
            String stale = etagOf(path);
            http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"changed\"}").exchange().expectStatus().isNoContent();
            http.get().uri(path).header("If-None-Match", stale).exchange().expectStatus().isOk();

            http.put().uri(path).contentType(MediaType.APPLICATION_JSON).header("If-Match", stale).body("{\"name\": \"x\"}").exchange()
                    .expectStatus().isEqualTo(412);
            http.delete().uri(path).header("If-Match", stale).exchange().expectStatus().isEqualTo(412);
            http.delete().uri(path).header("If-Match", etagOf(path)).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void preferReturnRepresentationAnswersPutWith200AndTheResource() {
        long book = createBook("t", "d");

        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("Prefer", "return=representation")
                .body("{\"title\": \"t2\", \"description\": \"d2\"}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Preference-Applied", "return=representation")
                .expectHeader().exists("ETag")
                .expectBody().json("{\"id\": " + book + ", \"title\": \"t2\", \"description\": \"d2\"}");
    }

    /** A write's checks in the contract's order: the body (400), the book (404), If-Match (412), then author_id (422). */
    @Test
    void aWritesChecksComeInTheContractsOrder() {
        long book = createBook("t", "d");
        String stale = etagOf("/books/" + book);
        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t2\", \"description\": \"d\"}").exchange().expectStatus().isNoContent();
        String current = etagOf("/books/" + book);
        String unknownAuthor = "{\"title\": \"t3\", \"description\": \"d\", \"author_id\": 999}";

        http.put().uri("/books/424242").contentType(MediaType.APPLICATION_JSON).header("If-Match", stale)
                .body("{\"description\": \"d\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing title");
        for (String ifMatch : List.of(stale, "*")) {
            http.put().uri("/books/424242").contentType(MediaType.APPLICATION_JSON).header("If-Match", ifMatch)
                    .body(unknownAuthor).exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("Book 424242 not found");
        }
        http.put().uri("/books/424242").contentType(MediaType.APPLICATION_JSON).body(unknownAuthor).exchange().expectStatus().isNotFound();
        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", stale)
                .body(unknownAuthor).exchange()
                .expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.message").isEqualTo("Book " + book + " has changed since the ETag in If-Match; GET it again and retry");
        http.patch().uri("/books/{id}", book).contentType(MediaType.parseMediaType("application/merge-patch+json")).header("If-Match", stale)
                .body("{\"author_id\": 999}").exchange().expectStatus().isEqualTo(412);
        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", current)
                .body(unknownAuthor).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.message").isEqualTo("Author 999 not found");

        assertThat(etagOf("/books/" + book)).as("nothing written").isEqualTo(current);
    }

    /** As Hibernate's dirty check did: a write that changes nothing keeps the version, so clients' ETags stay good. */
    @Test
    void aWriteThatChangesNothingKeepsTheETag() {
        long author = createAuthor("A");
        long book = createBook("t", "d", author);
        String etag = etagOf("/books/" + book);

        String answered = http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).header("If-Match", etag)
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + author + "}").exchange()
                .expectStatus().isNoContent().returnResult().getResponseHeaders().getETag();
        assertThat(answered).isEqualTo(etag);
        http.patch().uri("/books/{id}", book).contentType(MediaType.parseMediaType("application/merge-patch+json")).header("If-Match", etag)
                .body("{}").exchange().expectStatus().isNoContent().expectHeader().valueEquals("ETag", etag);
        String authorEtag = etagOf("/authors/" + author);
        http.put().uri("/authors/{id}", author).contentType(MediaType.APPLICATION_JSON).header("If-Match", authorEtag)
                .body("{\"name\": \"A\"}").exchange().expectStatus().isNoContent().expectHeader().valueEquals("ETag", authorEtag);
        assertThat(etagOf("/books/" + book)).isEqualTo(etag);
    }

    /** Many clients creating at once: every 201 is a distinct row, and no row is lost. */
    @Test
    void concurrentCreatesGetDistinctIdsAndLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<String>> locations = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            String body = "{\"title\": \"concurrent " + n + "\", \"description\": \"d\"}";
            locations.add(pool.submit(() -> http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isCreated()
                    .returnResult().getResponseHeaders().getLocation().toString()));
        }
        List<String> created = new ArrayList<>();
        for (Future<String> location : locations) {
            created.add(location.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(created).hasSize(300).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT title) FROM book WHERE title LIKE 'concurrent %'", Long.class)).isEqualTo(300L);
    }
}
