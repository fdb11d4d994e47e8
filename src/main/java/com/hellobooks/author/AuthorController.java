package com.hellobooks.author;

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
@RequestMapping("/authors")
class AuthorController {

    private final AuthorService authors;

    AuthorController(AuthorService authors) {
        this.authors = authors;
    }

    @GetMapping
    ResponseEntity<List<AuthorResponse>> list(@RequestParam(required = false) String name, @ModelAttribute ListParameters page) {
        return authors.list(name, ListRequest.of(page, AuthorService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AuthorResponse> create(@Valid @RequestBody AuthorRequest request) {
        AuthorResponse created = authors.create(request);
        return ResponseEntity.created(URI.create("/authors/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    AuthorResponse get(@PathVariable String id) {
        return authors.get(PathIds.parse("Author", id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable String id, @Valid @RequestBody AuthorRequest request) {
        authors.replace(PathIds.parse("Author", id), request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        authors.delete(PathIds.parse("Author", id));
    }
}
