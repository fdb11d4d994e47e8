package com.hellobooks.genre;

import java.util.LinkedHashMap;
import java.util.Map;

import com.hellobooks.database.retry.Autocommit;
import com.hellobooks.web.conditional.ETags;
import com.hellobooks.web.conditional.Current;
import com.hellobooks.web.conditional.IfMatch;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.errors.ResourceNotFoundException;
import com.hellobooks.web.json.JsonMergePatch;
import com.hellobooks.web.paging.ListPage;
import com.hellobooks.web.paging.ListRequest;
import com.hellobooks.web.paging.SortOptions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The genre use cases (linking books to genres is BookService's: the links are Book.genres).
 * POST, PUT, PATCH and DELETE are SQL in autocommit, through {@link GenreWrites}; a list is one
 * SQL statement in autocommit, through {@link GenreQueries}. Those open no transaction (see
 * BookService); a POST with an Idempotency-Key joins the one that stores its answer.
 */
@Service
public class GenreService {

    private final GenreQueries queries;
    private final GenreRepository genres;
    private final GenreWrites writes;
    private final JsonMergePatch mergePatch;

    GenreService(GenreQueries queries, GenreRepository genres, GenreWrites writes, JsonMergePatch mergePatch) {
        this.queries = queries;
        this.genres = genres;
        this.writes = writes;
        this.mergePatch = mergePatch;
    }

    /** What GET /genres may be sorted by (each has an index, see V5). */
    public static final SortOptions<GenreResponse> SORTABLE = SortOptions.<GenreResponse>byId("g.id", GenreResponse::id)
            .and("name", "g.name", GenreResponse::name);

    @Autocommit(readOnly = true)
    public ListPage<GenreResponse> list(String nameContains, ListRequest<GenreResponse> page) {
        return queries.page(nameContains, page);
    }

    /**
     * The 404 of a missing genre, before a nested POST reads its body. Not read-only, so it
     * asks the primary, which the write that follows goes to (a replica may not have the genre yet).
     */
    @Autocommit
    public void requireExists(long id) {
        if (!writes.exists(id)) {
            throw new ResourceNotFoundException("Genre", id);
        }
    }

    @Transactional(readOnly = true)
    public Tagged<GenreResponse> get(long id) {
        return tagged(find(id));
    }

    @Autocommit
    public Tagged<GenreResponse> create(GenreRequest request) {
        return writes.insert(request.name());
    }

    /** PUT: one UPDATE; with ETags in If-Match, on the version that the read checking them found. */
    @Autocommit
    public Tagged<GenreResponse> replace(long id, GenreRequest request, IfMatch ifMatch) {
        Long version = ifMatch.versionToWriteOn(() -> writes.current(id), "Genre", id);
        return writes.update(id, version, request.name()).orElseThrow(() -> IfMatch.lost("Genre", id, version, () -> writes.exists(id)));
    }

    /** PATCH: the merge patch applied to the genre's name must make a valid PUT body; written on the version it was applied to. */
    @Autocommit
    public Tagged<GenreResponse> patch(long id, ObjectNode patch, IfMatch ifMatch) {
        Current<GenreResponse> current = ifMatch.checked(writes.current(id), "Genre", id);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", current.value().name());
        GenreRequest merged = mergePatch.apply(fields, patch, GenreRequest.class);
        return writes.update(id, current.version(), merged.name()).orElseThrow(() -> IfMatch.lost("Genre", id, current.version(), () -> writes.exists(id)));
    }

    /** Deletes the genre; its books stay, only the links go (ON DELETE CASCADE on book_genre). */
    @Autocommit
    public void delete(long id, IfMatch ifMatch) {
        Long version = ifMatch.versionToWriteOn(() -> writes.current(id), "Genre", id);
        if (!writes.delete(id, version)) {
            throw IfMatch.lost("Genre", id, version, () -> writes.exists(id));
        }
    }

    private static Tagged<GenreResponse> tagged(Genre genre) {
        return new Tagged<>(GenreResponse.of(genre), ETags.of(genre.getVersion()));
    }

    private Genre find(long id) {
        return genres.findById(id).orElseThrow(() -> new ResourceNotFoundException("Genre", id));
    }
}
