package com.hellobooks.book;

import java.net.URI;
import java.util.List;

import com.hellobooks.author.AuthorController;
import com.hellobooks.author.AuthorService;
import com.hellobooks.web.conditional.Responses;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.json.Id;
import com.hellobooks.web.json.PathId;
import com.hellobooks.web.openapi.ApiErrors;
import com.hellobooks.web.openapi.Creates;
import com.hellobooks.web.openapi.NotFound;
import com.hellobooks.web.openapi.ReadsPage;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The nested routes /authors/{id}/books: an author's books, and a new book by that author. */
@RestController
// Successes are application/json only: an Accept that does not allow it (YAML, which a converter
// springdoc brings would write; problem+json; vnd.*+json) is a 406. Errors are problem+json regardless.
@RequestMapping(path = "/authors/{id}/books", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "authors")
@ApiErrors
class AuthorBooksController {

    private final BookService books;
    private final AuthorService authors;

    AuthorBooksController(BookService books, AuthorService authors) {
        this.books = books;
        this.authors = authors;
    }

    /**
     * The original checks the path's author before it reads the body (validate_model comes
     * first), so a bad or missing author is its 400 or 404 whatever the body holds. Spring runs
     * this before it binds the handler's arguments, the body among them. A GET needs no such
     * check: its list statement tells a missing author apart itself.
     */
    @ModelAttribute
    void pathBeforeBody(@PathId(resource = "Author", description = AuthorController.ID) @PathVariable Id id, HttpMethod method) {
        if (HttpMethod.POST.equals(method)) {
            authors.requireExists(id.value());
        }
    }

    @GetMapping
    @Operation(operationId = "getAuthorsByIdBooks", summary = "A page of the author's books",
            description = "The author's books, each with `author` and `author_id`, a page at a time; 404 if there is no such author.")
    @ReadsPage
    @NotFound
    @Parameter(name = "sort", description = ListParameters.SORT_DESCRIPTION,
            schema = @Schema(example = "id", type = "string", allowableValues = { "id", "-id", "title", "-title" }, defaultValue = "id"))
    ResponseEntity<List<BookResponse>> list(@PathId(resource = "Author", description = AuthorController.ID) @PathVariable Id id,
            @ParameterObject @ModelAttribute ListParameters page) {
        return books.listByAuthor(id.value(), ListRequest.of(page, BookService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postAuthorsByIdBooks", summary = "A new book by the author",
            description = "`author_id` in the body is ignored: the path says which author.")
    @Creates
    @NotFound
    @ResponseStatus(HttpStatus.CREATED) // what ResponseEntity.created sends, said where the API description sees it
    ResponseEntity<BookResponse> create(@PathId(resource = "Author", description = AuthorController.ID) @PathVariable Id id,
            @Valid @RequestBody BookRequest request) {
        Tagged<BookResponse> created = books.createForAuthor(id.value(), request);
        return Responses.created(URI.create("/books/" + created.body().id()), created);
    }
}
