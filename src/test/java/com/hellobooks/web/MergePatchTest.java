package com.hellobooks.web;

import java.util.List;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** PATCH with application/merge-patch+json (RFC 7396), validated like PUT. */
class MergePatchTest extends ApiTest {

    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    @Test
    void patchingTheTitleKeepsEverythingElse() {
        long author = createAuthor("A");
        long book = createBook("old", "kept", author);

        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"title\": \"new\"}").exchange()
                .expectStatus().isNoContent()
                .expectHeader().exists("ETag");

        http.get().uri("/books/{id}", book).exchange()
                .expectBody().json("{\"title\": \"new\", \"description\": \"kept\", \"author_id\": " + author + ", \"author\": \"A\"}");
    }

    @Test
    void patchingAuthorIdSetsOrClearsIt() {
        long author = createAuthor("A");
        long book = createBook("t", "d");

        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).header("Prefer", "return=representation")
                .body("{\"author_id\": " + author + "}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.author").isEqualTo("A");
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"author_id\": null}").exchange()
                .expectStatus().isNoContent();
        http.get().uri("/books/{id}", book).exchange().expectBody().jsonPath("$.author_id").doesNotExist();
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"author_id\": 999}").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.message").isEqualTo("Author 999 not found");
    }

    @Test
    void aPatchThatBreaksTheRulesGetsThePutErrors() {
        long book = createBook("t", "d");

        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"title\": null}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing title");
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"title\": 5}").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Invalid request: title must be a string")
                .jsonPath("$.errors[0].field").isEqualTo("title");
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"title\": \" \", \"description\": \"" + "d".repeat(10_001) + "\"}").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("title", "description"));
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"author_id\": \"7\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Invalid request: author_id must be an integer");
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("[]").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Malformed request body: expected a JSON object");
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{").exchange()
                .expectStatus().isBadRequest();

        http.get().uri("/books/{id}", book).exchange().expectBody().json("{\"title\": \"t\", \"description\": \"d\"}");
    }

    @Test
    void patchNeedsTheMergePatchMediaTypeAndAnExistingResource() {
        long book = createBook("t", "d");

        http.patch().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"x\"}").exchange()
                .expectStatus().isEqualTo(415);
        http.patch().uri("/books/999").contentType(MERGE_PATCH).body("{\"title\": \"x\"}").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("Book 999 not found");
        http.patch().uri("/books/cat").contentType(MERGE_PATCH).body("{\"title\": \"x\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Book cat invalid");
    }

    @Test
    void authorsAndGenresArePatchedToo() {
        long author = createAuthor("A");
        long genre = createGenre("G");

        http.patch().uri("/authors/{id}", author).contentType(MERGE_PATCH).body("{\"name\": \"A2\", \"ignored\": 1}").exchange()
                .expectStatus().isNoContent();
        http.patch().uri("/genres/{id}", genre).contentType(MERGE_PATCH).header("Prefer", "return=representation")
                .body("{\"name\": \"G2\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("G2");
        http.patch().uri("/authors/{id}", author).contentType(MERGE_PATCH).body("{\"name\": null}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing name");

        http.get().uri("/authors/{id}", author).exchange().expectBody().jsonPath("$.name").isEqualTo("A2");
    }

    @Test
    void aStaleIfMatchOnPatchIs412() {
        long book = createBook("t", "d");
        String etag = http.get().uri("/books/{id}", book).exchange().returnResult().getResponseHeaders().getETag();
        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).body("{\"title\": \"t2\"}").exchange().expectStatus().isNoContent();

        http.patch().uri("/books/{id}", book).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\": \"t3\"}").exchange()
                .expectStatus().isEqualTo(412);
    }
}
