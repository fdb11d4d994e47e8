package com.hellobooks.book;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class BookApiTest extends ApiTest {

    @Test
    void listIsAnEmptyArrayOnAnEmptyDatabase() {
        http.get().uri("/books").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json("[]");
    }

    @Test
    void creatingABookReturns201WithLocationAndTheBook() {
        long authorId = createAuthor("New Author 1");

        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Ocean Book\", \"description\": \"watr 4evr\", \"author_id\": " + authorId + "}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/books/\\d+")
                .expectBody()
                .jsonPath("$.id").isNumber()
                .jsonPath("$.title").isEqualTo("Ocean Book")
                .jsonPath("$.description").isEqualTo("watr 4evr")
                .jsonPath("$.author_id").isEqualTo(authorId)
                .jsonPath("$.author").isEqualTo("New Author 1");
    }

    @Test
    void theLocationOfACreatedBookServesIt() {
        String location = http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Ocean Book\", \"description\": \"watr 4evr\"}")
                .exchange().expectStatus().isCreated()
                .returnResult().getResponseHeaders().getLocation().toString();

        http.get().uri(location).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("Ocean Book");
    }

    @Test
    void aBookWithoutAnAuthorLeavesOutAuthorKeys() {
        long id = createBook("Orphan", "no author");

        http.get().uri("/books/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .json("{\"id\": " + id + ", \"title\": \"Orphan\", \"description\": \"no author\"}")
                .jsonPath("$.author_id").doesNotExist()
                .jsonPath("$.author").doesNotExist();
    }

    @Test
    void anEmptyDescriptionIsAllowed() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Blank page\", \"description\": \"\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.description").isEqualTo("");
    }

    @Test
    void unknownKeysInTheBodyAreIgnored() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"T\", \"description\": \"D\", \"isbn\": \"123\", \"id\": 999}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.isbn").doesNotExist()
                .jsonPath("$.id").value(id -> assertThat(((Number) id).longValue()).isNotEqualTo(999L));
    }

    @Test
    void listIsOrderedByIdAndShowsEachBooksAuthor() {
        long author = createAuthor("Le Guin");
        long first = createBook("A Wizard of Earthsea", "magic", author);
        long second = createBook("Anonymous", "unknown author");

        http.get().uri("/books").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].id").isEqualTo(first)
                .jsonPath("$[0].author").isEqualTo("Le Guin")
                .jsonPath("$[1].id").isEqualTo(second)
                .jsonPath("$[1].author").doesNotExist();
    }

    @Test
    void filtersMatchSubstringsIgnoringCaseAndCombineWithAnd() {
        long author = createAuthor("Someone");
        createBook("Ocean Book", "watr 4evr", author);
        createBook("OCEANS ELEVEN", "heist");
        createBook("Desert", "sand and WATER");

        http.get().uri("/books?title=ocean").exchange()
                .expectBody().jsonPath("$[*].title").isEqualTo(java.util.List.of("Ocean Book", "OCEANS ELEVEN"));
        http.get().uri("/books?description=water").exchange()
                .expectBody().jsonPath("$[*].title").isEqualTo(java.util.List.of("Desert"));
        http.get().uri("/books?title=ocean&description=heist").exchange()
                .expectBody().jsonPath("$[*].title").isEqualTo(java.util.List.of("OCEANS ELEVEN"));
        http.get().uri("/books?author_id={id}", author).exchange()
                .expectBody().jsonPath("$[*].title").isEqualTo(java.util.List.of("Ocean Book"));
    }

    @Test
    void filterWildcardsAreTakenLiterally() {
        createBook("100% Pure", "x");
        createBook("100 Years", "x");

        http.get().uri("/books?title={t}", "0%").exchange()
                .expectBody().jsonPath("$[*].title").isEqualTo(java.util.List.of("100% Pure"));
    }

    @Test
    void anUnknownQueryParameterIsIgnored() {
        createBook("Kept", "x");

        http.get().uri("/books?colour=red").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void anAuthorIdFilterThatIsNotAnIdIsA400() {
        http.get().uri("/books?author_id=abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Invalid request: author_id must be a positive integer")
                .jsonPath("$.errors[0].field").isEqualTo("author_id");
    }

    @Test
    void putReplacesTitleAndDescriptionAndAnswers204WithNoBody() {
        long id = createBook("Old", "old text");

        http.put().uri("/books/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"New\", \"description\": \"new text\"}")
                .exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();

        http.get().uri("/books/{id}", id).exchange()
                .expectBody()
                .jsonPath("$.title").isEqualTo("New")
                .jsonPath("$.description").isEqualTo("new text");
    }

    @Test
    void putWithoutAuthorIdKeepsTheAuthor() {
        long author = createAuthor("Kept Author");
        long id = createBook("Old", "old", author);

        http.put().uri("/books/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"New\", \"description\": \"new\"}")
                .exchange().expectStatus().isNoContent();

        http.get().uri("/books/{id}", id).exchange()
                .expectBody().jsonPath("$.author_id").isEqualTo(author);
    }

    @Test
    void putWithNullAuthorIdClearsTheAuthor() {
        long author = createAuthor("Gone Author");
        long id = createBook("Old", "old", author);

        http.put().uri("/books/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"New\", \"description\": \"new\", \"author_id\": null}")
                .exchange().expectStatus().isNoContent();

        http.get().uri("/books/{id}", id).exchange()
                .expectBody()
                .jsonPath("$.author_id").doesNotExist()
                .jsonPath("$.author").doesNotExist();
    }

    @Test
    void putWithAnAuthorIdSetsTheAuthor() {
        long author = createAuthor("New Author");
        long id = createBook("Old", "old");

        http.put().uri("/books/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"New\", \"description\": \"new\", \"author_id\": " + author + "}")
                .exchange().expectStatus().isNoContent();

        http.get().uri("/books/{id}", id).exchange()
                .expectBody()
                .jsonPath("$.author_id").isEqualTo(author)
                .jsonPath("$.author").isEqualTo("New Author");
    }

    @Test
    void putWithAMissingFieldIs400AndChangesNothing() {
        long id = createBook("Old", "old");

        http.put().uri("/books/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"New\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing description");

        http.get().uri("/books/{id}", id).exchange().expectBody().jsonPath("$.title").isEqualTo("Old");
    }

    @Test
    void putOnAMissingBookIs404() {
        http.put().uri("/books/424242").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"New\", \"description\": \"new\"}")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Book 424242 not found");
    }

    @Test
    void deleteAnswers204AndTheBookIsGone() {
        long id = createBook("Doomed", "x");

        http.delete().uri("/books/{id}", id).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();

        http.get().uri("/books/{id}", id).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Book " + id + " not found");
        http.delete().uri("/books/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void anAuthorIdThatNamesNoAuthorIs422() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"T\", \"description\": \"D\", \"author_id\": 12}")
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo("Author 12 not found");

        long id = createBook("T", "D");
        http.put().uri("/books/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"T\", \"description\": \"D\", \"author_id\": 12}")
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.message").isEqualTo("Author 12 not found");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Long.class)).isEqualTo(1L);
    }

    @Test
    void sqlAndHtmlInTextAreStoredAndReturnedAsSent() {
        String title = "Robert'); DROP TABLE book;--";
        String description = "<script>alert('x')</script> \u00e9\u4e2d\ud83d\udcda";
        long id = created("/books", json(java.util.Map.of("title", title, "description", description))).get("id").asLong();

        http.get().uri("/books/{id}", id).exchange()
                .expectBody()
                .jsonPath("$.title").isEqualTo(title)
                .jsonPath("$.description").isEqualTo(description);
    }
}
