package com.hellobooks.genre;

import java.util.List;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class GenreApiTest extends ApiTest {

    @Test
    void genresAreCreatedReadAndListedLikeAuthors() {
        http.post().uri("/genres").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"Fantasy\"}").exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/genres/\\d+")
                .expectBody().jsonPath("$.name").isEqualTo("Fantasy");
        long scifi = createGenre("Science Fiction");

        http.get().uri("/genres/{id}", scifi).exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"id\": " + scifi + ", \"name\": \"Science Fiction\"}");
        http.get().uri("/genres").exchange()
                .expectBody().jsonPath("$[*].name").isEqualTo(List.of("Fantasy", "Science Fiction"));
        http.get().uri("/genres?name=FICTION").exchange()
                .expectBody().jsonPath("$[*].name").isEqualTo(List.of("Science Fiction"));
    }

    @Test
    void genreErrorsNameTheGenre() {
        http.get().uri("/genres/5").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("Genre 5 not found");
        http.get().uri("/genres/cat/books").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Genre cat invalid");
        http.post().uri("/genres").contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing name");
    }

    @Test
    void aBookIsPutInAGenreIdempotentlyAndShowsItsGenresInGenreIdOrder() {
        long book = createBook("Dune", "spice");
        long scifi = createGenre("Science Fiction");
        long classic = createGenre("Classic");

        http.put().uri("/genres/{g}/books/{b}", classic, book).exchange().expectStatus().isNoContent().expectBody().isEmpty();
        http.put().uri("/genres/{g}/books/{b}", scifi, book).exchange().expectStatus().isNoContent();
        http.put().uri("/genres/{g}/books/{b}", scifi, book).exchange().expectStatus().isNoContent();

        http.get().uri("/books/{id}", book).exchange()
                .expectBody().jsonPath("$.genres").isEqualTo(List.of("Science Fiction", "Classic"));
        http.get().uri("/genres/{g}/books", scifi).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[*].title").isEqualTo(List.of("Dune"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book_genre", Long.class)).isEqualTo(2L);
    }

    @Test
    void aBookIsTakenOutOfAGenreIdempotently() {
        long book = createBook("Dune", "spice");
        long scifi = createGenre("Science Fiction");
        http.put().uri("/genres/{g}/books/{b}", scifi, book).exchange().expectStatus().isNoContent();

        http.delete().uri("/genres/{g}/books/{b}", scifi, book).exchange().expectStatus().isNoContent();
        http.delete().uri("/genres/{g}/books/{b}", scifi, book).exchange().expectStatus().isNoContent();

        http.get().uri("/books/{id}", book).exchange()
                .expectBody().jsonPath("$.genres").doesNotExist();
        http.get().uri("/genres/{g}/books", scifi).exchange().expectBody().json("[]");
    }

    @Test
    void linkingNeedsAnExistingGenreAndBook() {
        long book = createBook("Dune", "spice");
        long genre = createGenre("Science Fiction");

        http.put().uri("/genres/9/books/{b}", book).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("Genre 9 not found");
        http.put().uri("/genres/{g}/books/9", genre).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("Book 9 not found");
        http.delete().uri("/genres/{g}/books/cat", genre).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Book cat invalid");
        http.get().uri("/genres/9/books").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("Genre 9 not found");
    }

    /** As in the original (validate_model before get_json): the path's genre is checked first, whatever the body holds. */
    @Test
    void aBadOrMissingGenreInTheNestedPostIsItsErrorWhateverTheBodyHolds() {
        for (String body : List.of("{}", "{\"title\": 5}", "{\"title\": \"\"}", "not json", "[]", "")) {
            http.post().uri("/genres/heron/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.message").isEqualTo("Genre heron invalid");
            http.post().uri("/genres/999/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.message").isEqualTo("Genre 999 not found");
        }
        // an existing genre: the body is checked as before
        long genre = createGenre("n");
        http.post().uri("/genres/{id}/books", genre).contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing title");
    }

    @Test
    void postingToAGenresBooksCreatesABookInThatGenre() {
        long genre = createGenre("Poetry");
        long author = createAuthor("Mary Oliver");

        http.post().uri("/genres/{g}/books", genre).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Devotions\", \"description\": \"poems\", \"author_id\": " + author + "}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/books/\\d+")
                .expectBody()
                .jsonPath("$.genres").isEqualTo(List.of("Poetry"))
                .jsonPath("$.author").isEqualTo("Mary Oliver");
        http.post().uri("/genres/{g}/books", genre).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\", \"author_id\": 77}")
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.message").isEqualTo("Author 77 not found");
    }

    @Test
    void renamingAGenreShowsInItsBooks() {
        long book = createBook("Dune", "spice");
        long genre = createGenre("SF");
        http.put().uri("/genres/{g}/books/{b}", genre, book).exchange().expectStatus().isNoContent();

        http.put().uri("/genres/{id}", genre).contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"Science Fiction\"}")
                .exchange().expectStatus().isNoContent();

        http.get().uri("/books/{id}", book).exchange()
                .expectBody().jsonPath("$.genres").isEqualTo(List.of("Science Fiction"));
    }

    @Test
    void deletingAGenreRemovesOnlyItsLinks() {
        long book = createBook("Dune", "spice");
        long genre = createGenre("SF");
        http.put().uri("/genres/{g}/books/{b}", genre, book).exchange().expectStatus().isNoContent();

        http.delete().uri("/genres/{id}", genre).exchange().expectStatus().isNoContent();

        http.get().uri("/genres/{id}", genre).exchange().expectStatus().isNotFound();
        http.get().uri("/books/{id}", book).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.genres").doesNotExist();
        http.delete().uri("/genres/{id}", genre).exchange().expectStatus().isNotFound();
    }

    @Test
    void deletingABookRemovesItsLinks() {
        long book = createBook("Dune", "spice");
        long genre = createGenre("SF");
        http.put().uri("/genres/{g}/books/{b}", genre, book).exchange().expectStatus().isNoContent();

        http.delete().uri("/books/{id}", book).exchange().expectStatus().isNoContent();

        http.get().uri("/genres/{g}/books", genre).exchange().expectBody().json("[]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book_genre", Long.class)).isZero();
    }

    @Test
    void listsShowEachBooksGenres() {
        long dune = createBook("Dune", "spice");
        createBook("Plain", "no genre");
        long genre = createGenre("SF");
        http.put().uri("/genres/{g}/books/{b}", genre, dune).exchange().expectStatus().isNoContent();

        http.get().uri("/books").exchange()
                .expectBody()
                .jsonPath("$[0].genres").isEqualTo(List.of("SF"))
                .jsonPath("$[1].genres").doesNotExist();
    }
}
