package com.hellobooks.genre;

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
@RequestMapping(path = "/genres", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "genres")
@ApiErrors
public class GenreController {

    public static final String ID = "The genre's id; anything but a positive integer is a 400";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final GenreService genres;

    GenreController(GenreService genres) {
        this.genres = genres;
    }

    @GetMapping
    @Operation(operationId = "getGenres", summary = "A page of genres, optionally filtered by name",
            description = "Filters are case-insensitive substring matches; pages follow `Link: rel=\"next\"`.")
    @ReadsPage
    @Parameter(name = "sort", description = ListParameters.SORT_DESCRIPTION,
            schema = @Schema(example = "id", type = "string", allowableValues = { "id", "-id", "name", "-name" }, defaultValue = "id"))
    ResponseEntity<List<GenreResponse>> list(
            @Parameter(description = "Genres whose name contains this text, ignoring case",
                    schema = @Schema(example = "fant", maxLength = ReadsOne.MAX_HEADER)) @RequestParam(required = false) String name,
            @ParameterObject @ModelAttribute ListParameters page) {
        return genres.list(name, ListRequest.of(page, GenreService.SORTABLE)).toResponse();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postGenres", summary = "A new genre",
            description = "Answers 201 with the genre, its `Location` and its `ETag`.")
    @Creates
    @ResponseStatus(HttpStatus.CREATED) // what ResponseEntity.created sends, said where the API description sees it
    ResponseEntity<GenreResponse> create(@Valid @RequestBody GenreRequest request) {
        Tagged<GenreResponse> created = genres.create(request);
        return Responses.created(URI.create("/genres/" + created.body().id()), created);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getGenresById", summary = "One genre",
            description = "With an `ETag`; send it back in `If-None-Match` for a 304 while the genre is unchanged.")
    @ReadsOne
    ResponseEntity<GenreResponse> get(@PathId(resource = "Genre", description = ID) @PathVariable Id id, WebRequest request) {
        return Responses.ok(request, genres.get(id.value()));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putGenresById", summary = "Rename a genre",
            description = "`name` is required. 204 as in the original API, or 200 with the genre for `Prefer: return=representation`.")
    @Updates
    ResponseEntity<GenreResponse> replace(@PathId(resource = "Genre", description = ID) @PathVariable Id id,
            @Valid @RequestBody GenreRequest request,
            @RequestHeader(name = "Prefer", required = false) String prefer, WebRequest webRequest) {
        return Responses.updated(genres.replace(id.value(), request, IfMatch.of(webRequest)), prefer);
    }

    @PatchMapping(path = "/{id}", consumes = MERGE_PATCH_JSON)
    @Operation(operationId = "patchGenresById", summary = "Change some of a genre's fields (JSON merge patch)",
            description = "An `application/merge-patch+json` body (RFC 7396) merged into the genre; the result must be a valid PUT body.")
    @Updates
    ResponseEntity<GenreResponse> patch(@PathId(resource = "Genre", description = ID) @PathVariable Id id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH_JSON,
                    schema = @Schema(implementation = GenrePatch.class),
                    examples = @ExampleObject(name = "name", value = "{\"name\": \"High Fantasy\"}")))
            @RequestBody ObjectNode patch,
            @RequestHeader(name = "Prefer", required = false) String prefer, WebRequest webRequest) {
        return Responses.updated(genres.patch(id.value(), patch, IfMatch.of(webRequest)), prefer);
    }

    // a 204 has no body to negotiate: any Accept will do
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @Operation(operationId = "deleteGenresById", summary = "Delete a genre (its books stay)",
            description = "Its books are kept; only their links to the genre go.")
    @Deletes
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathId(resource = "Genre", description = ID) @PathVariable Id id, WebRequest webRequest) {
        genres.delete(id.value(), IfMatch.of(webRequest));
    }
}
