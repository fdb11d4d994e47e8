package com.hellobooks.book;

import java.net.URI;
import java.util.List;

import com.hellobooks.web.conditional.IfMatch;
import com.hellobooks.web.conditional.Responses;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.json.Id;
import com.hellobooks.web.json.PathId;
import com.hellobooks.web.openapi.ApiErrors;
import com.hellobooks.web.openapi.Creates;
import com.hellobooks.web.openapi.Deletes;
import com.hellobooks.web.openapi.ReadsOne;
import com.hellobooks.web.openapi.ReadsPage;
import com.hellobooks.web.openapi.Updates;
import com.hellobooks.web.paging.ListParameters;
import com.hellobooks.web.paging.ListRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.node.ObjectNode;

@RestController
// Successes are application/json only: an Accept that does not allow it (YAML, which a converter
// springdoc brings would write; problem+json; vnd.*+json) is a 406. Errors are problem+json regardless.
@RequestMapping(path = "/books", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "books")
@ApiErrors
class BookController {

    static final String ID = "The book's id; anything but a positive integer is a 400";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final BookService books;

    BookController(BookService books) {
        this.books = books;
    }

    @GetMapping
    @Operation(operationId = "getBooks", summary = "A page of books, optionally filtered",
            description = "Filters are case-insensitive substring matches (`author_id` is exact), ANDed; pages follow `Link: rel=\"next\"`.")
    @ReadsPage
    @Parameter(name = "sort", description = ListParameters.SORT_DESCRIPTION,
            schema = @Schema(example = "id", type = "string", allowableValues = { "id", "-id", "title", "-title" }, defaultValue = "id"))
    ResponseEntity<List<BookResponse>> list(
            @Parameter(description = "Books whose title contains this text, ignoring case",
                    schema = @Schema(example = "ocean", maxLength = ReadsOne.MAX_HEADER)) @RequestParam(required = false) String title,
            @Parameter(description = "Books whose description contains this text, ignoring case",
                    schema = @Schema(example = "watr", maxLength = ReadsOne.MAX_HEADER)) @RequestParam(required = false) String description,
            @Parameter(description = "The books of this author: exact match; anything but a positive integer is a 400",
                    schema = @Schema(example = "1", type = "integer", format = "int64", minimum = "1", maximum = PathId.MAX_ID))
            @RequestParam(name = "author_id", required = false) String authorId,
            @ParameterObject @ModelAttribute ListParameters page) {
        BookQueries.Filter filter = new BookQueries.Filter(title, description, Id.ofQueryParameter("author_id", authorId));
        return books.list(filter, ListRequest.of(page, BookService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postBooks", summary = "A new book",
            description = "Answers 201 with the book, its `Location` and its `ETag`; `author_id`, if sent, must name an author (422 otherwise).")
    @Creates
    @UnknownAuthor
    @ResponseStatus(HttpStatus.CREATED) // what ResponseEntity.created sends, said where the API description sees it
    ResponseEntity<BookResponse> create(@Valid @RequestBody BookRequest request) {
        Tagged<BookResponse> created = books.create(request);
        return Responses.created(URI.create("/books/" + created.body().id()), created);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getBooksById", summary = "One book",
            description = "With an `ETag`; send it back in `If-None-Match` for a 304 while the book is unchanged.")
    @ReadsOne
    ResponseEntity<BookResponse> get(@PathId(resource = "Book", description = ID) @PathVariable Id id, WebRequest request) {
        return Responses.ok(request, books.get(id.value()));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putBooksById", summary = "Replace a book's title and description, and set or clear its author",
            description = "`title` and `description` are required; `author_id` sets (a number) or clears (`null`) the author, "
                    + "and a body without it keeps the author. 204 as in the original API, or 200 with the book for "
                    + "`Prefer: return=representation`.")
    @Updates
    @UnknownAuthor
    ResponseEntity<BookResponse> replace(@PathId(resource = "Book", description = ID) @PathVariable Id id,
            @Valid @RequestBody BookRequest request,
            @RequestHeader(name = "Prefer", required = false) String prefer, WebRequest webRequest) {
        return Responses.updated(books.replace(id.value(), request, IfMatch.of(webRequest)), prefer);
    }

    @PatchMapping(path = "/{id}", consumes = MERGE_PATCH_JSON)
    @Operation(operationId = "patchBooksById", summary = "Change some of a book's fields (JSON merge patch)",
            description = "An `application/merge-patch+json` body (RFC 7396) merged into the book; the result must be a valid PUT body.")
    @Updates
    @UnknownAuthor
    ResponseEntity<BookResponse> patch(@PathId(resource = "Book", description = ID) @PathVariable Id id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH_JSON,
                    schema = @Schema(implementation = BookPatch.class),
                    examples = @ExampleObject(name = "description", value = "{\"description\": \"watr 4evr, 2nd ed.\"}")))
            @RequestBody ObjectNode patch,
            @RequestHeader(name = "Prefer", required = false) String prefer, WebRequest webRequest) {
        return Responses.updated(books.patch(id.value(), patch, IfMatch.of(webRequest)), prefer);
    }

    // a 204 has no body to negotiate: any Accept will do
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @Operation(operationId = "deleteBooksById", summary = "Delete a book",
            description = "Also takes the book out of its genres.")
    @Deletes
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathId(resource = "Book", description = ID) @PathVariable Id id, WebRequest webRequest) {
        books.delete(id.value(), IfMatch.of(webRequest));
    }
}
