package com.hellobooks.genre;

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
@RequestMapping("/genres")
class GenreController {

    private final GenreService genres;

    GenreController(GenreService genres) {
        this.genres = genres;
    }

    @GetMapping
    ResponseEntity<List<GenreResponse>> list(@RequestParam(required = false) String name, @ModelAttribute ListParameters page) {
        return genres.list(name, ListRequest.of(page, GenreService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<GenreResponse> create(@Valid @RequestBody GenreRequest request) {
        GenreResponse created = genres.create(request);
        return ResponseEntity.created(URI.create("/genres/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    GenreResponse get(@PathVariable String id) {
        return genres.get(PathIds.parse("Genre", id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable String id, @Valid @RequestBody GenreRequest request) {
        genres.replace(PathIds.parse("Genre", id), request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        genres.delete(PathIds.parse("Genre", id));
    }
}
