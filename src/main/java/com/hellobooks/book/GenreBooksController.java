package com.hellobooks.book;

import java.net.URI;
import java.util.List;

import com.hellobooks.genre.GenreController;
import com.hellobooks.genre.GenreService;
import com.hellobooks.web.conditional.Responses;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.json.Id;
import com.hellobooks.web.json.PathId;
import com.hellobooks.web.openapi.ApiErrors;
import com.hellobooks.web.openapi.Creates;
import com.hellobooks.web.openapi.NotFound;
import com.hellobooks.web.openapi.ReadsPage;
import com.hellobooks.web.openapi.Writes;
import com.hellobooks.web.paging.ListParameters;
import com.hellobooks.web.paging.ListRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The nested routes /genres/{id}/books: a genre's books, a new book in that genre, and
 * putting an existing book in the genre or taking it out (both idempotent).
 */
@RestController
// Successes are application/json only: an Accept that does not allow it (YAML, which a converter
// springdoc brings would write; problem+json; vnd.*+json) is a 406. Errors are problem+json regardless.
@RequestMapping(path = "/genres/{id}/books", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "genres")
@ApiErrors
class GenreBooksController {

    private static final String BOOK_ID = "The book's id; anything but a positive integer is a 400";

    private final BookService books;
    private final GenreService genres;

    GenreBooksController(BookService books, GenreService genres) {
        this.books = books;
        this.genres = genres;
    }

    /**
     * The original checks the path's genre before it reads the body (validate_model comes
     * first), so a bad or missing genre is its 400 or 404 whatever the body holds. Spring runs
     * this before it binds the handler's arguments, the body among them. A GET needs no such
     * check: its list statement tells a missing genre apart itself.
     */
    @ModelAttribute
    void pathBeforeBody(@PathId(resource = "Genre", description = GenreController.ID) @PathVariable Id id, HttpMethod method) {
        if (HttpMethod.POST.equals(method)) {
            genres.requireExists(id.value());
        }
    }

    @GetMapping
    @Operation(operationId = "getGenresByIdBooks", summary = "A page of the genre's books",
            description = "The genre's books, a page at a time; 404 if there is no such genre.")
    @ReadsPage
    @NotFound
    @Parameter(name = "sort", description = ListParameters.SORT_DESCRIPTION,
            schema = @Schema(example = "id", type = "string", allowableValues = { "id", "-id", "title", "-title" }, defaultValue = "id"))
    ResponseEntity<List<BookResponse>> list(@PathId(resource = "Genre", description = GenreController.ID) @PathVariable Id id,
            @ParameterObject @ModelAttribute ListParameters page) {
        return books.listByGenre(id.value(), ListRequest.of(page, BookService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postGenresByIdBooks", summary = "A new book in the genre",
            description = "The book is in this genre; `author_id` in the body sets its author, as in POST /books (422 if it names no author).")
    @Creates
    @NotFound
    @UnknownAuthor
    @ResponseStatus(HttpStatus.CREATED) // what ResponseEntity.created sends, said where the API description sees it
    ResponseEntity<BookResponse> create(@PathId(resource = "Genre", description = GenreController.ID) @PathVariable Id id,
            @Valid @RequestBody BookRequest request) {
        Tagged<BookResponse> created = books.createForGenre(id.value(), request);
        return Responses.created(URI.create("/books/" + created.body().id()), created);
    }

    // a 204 has no body to negotiate: any Accept will do
    @PutMapping(path = "/{bookId}", produces = MediaType.ALL_VALUE)
    @Operation(operationId = "putGenresByIdBooksByBookId", summary = "Put a book in the genre (idempotent)",
            description = "204 whether or not the book was in the genre already; 404 if either does not exist.")
    @Writes
    @NotFound
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void attach(@PathId(resource = "Genre", description = GenreController.ID) @PathVariable Id id,
            @PathId(resource = "Book", description = BOOK_ID) @PathVariable Id bookId) {
        books.addToGenre(id.value(), bookId.value());
    }

    // a 204 has no body to negotiate: any Accept will do
    @DeleteMapping(path = "/{bookId}", produces = MediaType.ALL_VALUE)
    @Operation(operationId = "deleteGenresByIdBooksByBookId", summary = "Take a book out of the genre (idempotent)",
            description = "204 whether or not the book was in the genre; 404 if either does not exist.")
    @Writes
    @NotFound
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void detach(@PathId(resource = "Genre", description = GenreController.ID) @PathVariable Id id,
            @PathId(resource = "Book", description = BOOK_ID) @PathVariable Id bookId) {
        books.removeFromGenre(id.value(), bookId.value());
    }
}
