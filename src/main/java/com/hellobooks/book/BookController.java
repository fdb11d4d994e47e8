package com.hellobooks.book;

import java.net.URI;
import java.util.List;

import com.hellobooks.web.ListParameters;
import com.hellobooks.web.ListRequest;
import com.hellobooks.web.PathIds;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/books")
class BookController {

    private final BookService books;

    BookController(BookService books) {
        this.books = books;
    }

    @GetMapping
    ResponseEntity<List<BookResponse>> list(@RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(name = "author_id", required = false) String authorId,
            @ModelAttribute ListParameters page) {
        BookFilter filter = new BookFilter(title, description, PathIds.parseQueryParameter("author_id", authorId));
        return books.list(filter, ListRequest.of(page, BookService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BookResponse> create(@Valid @RequestBody BookRequest request) {
        BookResponse created = books.create(request);
        return ResponseEntity.created(URI.create("/books/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    BookResponse get(@PathVariable String id) {
        return books.get(PathIds.parse("Book", id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable String id, @Valid @RequestBody BookRequest request) {
        books.replace(PathIds.parse("Book", id), request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        books.delete(PathIds.parse("Book", id));
    }
}
