package com.hellobooks.book;

import java.net.URI;
import java.util.List;

import com.hellobooks.web.IfMatch;
import com.hellobooks.web.ListParameters;
import com.hellobooks.web.ListRequest;
import com.hellobooks.web.PathIds;
import com.hellobooks.web.Responses;
import com.hellobooks.web.Tagged;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
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
class BookController {

    private final BookService books;

    BookController(BookService books) {
        this.books = books;
    }

    @GetMapping
    ResponseEntity<List<BookResponse>> list(@RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(name = "author_id", required = false) String authorId,
            @ParameterObject @ModelAttribute ListParameters page) {
        BookFilter filter = new BookFilter(title, description, PathIds.parseQueryParameter("author_id", authorId));
        return books.list(filter, ListRequest.of(page, BookService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // what ResponseEntity.created sends, said where the API description sees it
    ResponseEntity<BookResponse> create(@Valid @RequestBody BookRequest request) {
        Tagged<BookResponse> created = books.create(request);
        return Responses.created(URI.create("/books/" + created.body().id()), created);
    }

    @GetMapping("/{id}")
    ResponseEntity<BookResponse> get(@PathVariable String id, WebRequest request) {
        return Responses.ok(request, books.get(PathIds.parse("Book", id)));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BookResponse> replace(@PathVariable String id, @Valid @RequestBody BookRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Prefer", required = false) String prefer) {
        return Responses.updated(books.replace(PathIds.parse("Book", id), request, IfMatch.parse(ifMatch)), prefer);
    }

    @PatchMapping(path = "/{id}", consumes = "application/merge-patch+json")
    ResponseEntity<BookResponse> patch(@PathVariable String id, @RequestBody ObjectNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Prefer", required = false) String prefer) {
        return Responses.updated(books.patch(PathIds.parse("Book", id), patch, IfMatch.parse(ifMatch)), prefer);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        books.delete(PathIds.parse("Book", id), IfMatch.parse(ifMatch));
    }
}
