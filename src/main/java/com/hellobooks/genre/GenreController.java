package com.hellobooks.genre;

import java.net.URI;
import java.util.List;

import com.hellobooks.web.ListParameters;
import com.hellobooks.web.ListRequest;
import com.hellobooks.web.IfMatch;
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
@RequestMapping(path = "/genres", produces = MediaType.APPLICATION_JSON_VALUE)
class GenreController {

    private final GenreService genres;

    GenreController(GenreService genres) {
        this.genres = genres;
    }

    @GetMapping
    ResponseEntity<List<GenreResponse>> list(@RequestParam(required = false) String name, @ParameterObject @ModelAttribute ListParameters page) {
        return genres.list(name, ListRequest.of(page, GenreService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // what ResponseEntity.created sends, said where the API description sees it
    ResponseEntity<GenreResponse> create(@Valid @RequestBody GenreRequest request) {
        Tagged<GenreResponse> created = genres.create(request);
        return Responses.created(URI.create("/genres/" + created.body().id()), created);
    }

    @GetMapping("/{id}")
    ResponseEntity<GenreResponse> get(@PathVariable String id, WebRequest request) {
        return Responses.ok(request, genres.get(PathIds.parse("Genre", id)));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<GenreResponse> replace(@PathVariable String id, @Valid @RequestBody GenreRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Prefer", required = false) String prefer) {
        return Responses.updated(genres.replace(PathIds.parse("Genre", id), request, IfMatch.parse(ifMatch)), prefer);
    }

    @PatchMapping(path = "/{id}", consumes = "application/merge-patch+json")
    ResponseEntity<GenreResponse> patch(@PathVariable String id, @RequestBody ObjectNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = "Prefer", required = false) String prefer) {
        return Responses.updated(genres.patch(PathIds.parse("Genre", id), patch, IfMatch.parse(ifMatch)), prefer);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        genres.delete(PathIds.parse("Genre", id), IfMatch.parse(ifMatch));
    }
}
