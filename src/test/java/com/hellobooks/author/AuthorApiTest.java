package com.hellobooks.author;

import java.util.List;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorApiTest extends ApiTest {

    @Test
    void creatingAnAuthorReturns201WithLocationAndTheAuthor() {
        http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"New Author 1\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/authors/\\d+")
                .expectBody()
                .jsonPath("$.id").isNumber()
                .jsonPath("$.name").isEqualTo("New Author 1");
    }

    @Test
    void anAuthorCanBeReadBack() {
        long id = createAuthor("Octavia Butler");

        http.get().uri("/authors/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"id\": " + id + ", \"name\": \"Octavia Butler\"}");
    }

    @Test
    void aMissingAuthorIs404() {
        http.get().uri("/authors/1").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Author 1 not found");
    }

    @Test
    void listIsOrderedByIdAndFiltersByNameIgnoringCase() {
        createAuthor("Ursula K. Le Guin");
        createAuthor("Terry Pratchett");
        createAuthor("ursula vernon");

        http.get().uri("/authors").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].name").isEqualTo(List.of("Ursula K. Le Guin", "Terry Pratchett", "ursula vernon"));
        http.get().uri("/authors?name=URSULA").exchange()
                .expectBody().jsonPath("$[*].name").isEqualTo(List.of("Ursula K. Le Guin", "ursula vernon"));
    }

    @Test
    void anAuthorsBooksAreListedWithTheAuthor() {
        long author = createAuthor("Le Guin");
        long other = createAuthor("Other");
        createBook("Earthsea", "wizards", author);
        createBook("Elsewhere", "x", other);
        createBook("The Dispossessed", "anarchists", author);

        http.get().uri("/authors/{id}/books", author).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].title").isEqualTo(List.of("Earthsea", "The Dispossessed"))
                .jsonPath("$[*].author").isEqualTo(List.of("Le Guin", "Le Guin"))
                .jsonPath("$[*].author_id").isEqualTo(List.of((int) author, (int) author));
    }

    @Test
    void anAuthorWithoutBooksHasAnEmptyList() {
        long author = createAuthor("Newcomer");

        http.get().uri("/authors/{id}/books", author).exchange()
                .expectStatus().isOk()
                .expectBody().json("[]");
    }

    @Test
    void theBooksOfAMissingAuthorAre404() {
        http.get().uri("/authors/5/books").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Author 5 not found");
        http.post().uri("/authors/5/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\", \"description\": \"d\"}")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Author 5 not found");
    }

    /** As in the original (validate_model before get_json): the path's author is checked first, whatever the body holds. */
    @Test
    void aBadOrMissingAuthorInTheNestedPostIsItsErrorWhateverTheBodyHolds() {
        for (String body : List.of("{}", "{\"title\": 5}", "{\"title\": \"\"}", "not json", "[]", "")) {
            http.post().uri("/authors/heron/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.message").isEqualTo("Author heron invalid");
            http.post().uri("/authors/999/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.message").isEqualTo("Author 999 not found");
        }
        // an existing author: the body is checked as before
        long author = createAuthor("n");
        http.post().uri("/authors/{id}/books", author).contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing title");
    }

    @Test
    void postingToAnAuthorsBooksCreatesABookByThatAuthor() {
        long author = createAuthor("New Author 1");

        http.post().uri("/authors/{id}/books", author).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Ocean Book\", \"description\": \"watr 4evr\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/books/\\d+")
                .expectBody()
                .jsonPath("$.title").isEqualTo("Ocean Book")
                .jsonPath("$.author_id").isEqualTo(author)
                .jsonPath("$.author").isEqualTo("New Author 1");

        http.get().uri("/authors/{id}/books", author).exchange()
                .expectBody().jsonPath("$[*].title").isEqualTo(List.of("Ocean Book"));
    }

    /** The author deleted after the path's check, before the INSERT (a trigger makes the race certain): the path's 404, not a 422. */
    @Test
    void anAuthorGoneBeforeTheNestedInsertIsThePathsNotFound() {
        long author = createAuthor("Leaving");
        jdbc.execute("""
                CREATE FUNCTION author_leaves() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM author WHERE id = NEW.author_id;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER author_leaves BEFORE INSERT ON book FOR EACH ROW EXECUTE FUNCTION author_leaves()");
        try {
            http.post().uri("/authors/{id}/books", author).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"title\": \"t\", \"description\": \"d\"}")
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.message").isEqualTo("Author " + author + " not found");
        } finally {
            jdbc.execute("DROP TRIGGER author_leaves ON book");
            jdbc.execute("DROP FUNCTION author_leaves()");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Integer.class)).isZero();
    }

    @Test
    void thePathsAuthorWinsOverAuthorIdInTheBody() {
        long author = createAuthor("Path Author");
        long other = createAuthor("Body Author");

        http.post().uri("/authors/{id}/books", author).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + other + "}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.author").isEqualTo("Path Author");
        http.post().uri("/authors/{id}/books", author).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": 999}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.author_id").isEqualTo(author);
    }

    @Test
    void tooLongNamesAreRejected() {
        http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"" + "n".repeat(256) + "\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Invalid request: name must be at most 255 characters")
                .jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void putRenamesAnAuthorAndItsBooksShowTheNewName() {
        long author = createAuthor("Old Name");
        long book = createBook("t", "d", author);

        http.put().uri("/authors/{id}", author).contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"New Name\"}")
                .exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();

        http.get().uri("/authors/{id}", author).exchange().expectBody().jsonPath("$.name").isEqualTo("New Name");
        http.get().uri("/books/{id}", book).exchange().expectBody().jsonPath("$.author").isEqualTo("New Name");
        http.put().uri("/authors/{id}", author).contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing name");
        http.put().uri("/authors/404").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"x\"}").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Author 404 not found");
    }

    @Test
    void deletingAnAuthorKeepsItsBooksWithoutAnAuthor() {
        long author = createAuthor("Gone");
        long book = createBook("Kept", "d", author);

        http.delete().uri("/authors/{id}", author).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();

        http.get().uri("/authors/{id}", author).exchange().expectStatus().isNotFound();
        http.get().uri("/books/{id}", book).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Kept")
                .jsonPath("$.author_id").doesNotExist()
                .jsonPath("$.author").doesNotExist();
        http.delete().uri("/authors/{id}", author).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Author " + author + " not found");
    }
}
