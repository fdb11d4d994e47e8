package com.hellobooks.genre;

import java.util.LinkedHashMap;
import java.util.Map;

import com.hellobooks.web.conditional.ETags;
import com.hellobooks.web.conditional.IfMatch;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.errors.ResourceNotFoundException;
import com.hellobooks.web.json.JsonMergePatch;
import com.hellobooks.web.paging.ListPage;
import com.hellobooks.web.paging.ListRequest;
import com.hellobooks.web.paging.SortOptions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/** The genre use cases (linking books to genres is BookService's: the links are Book.genres). Each write is one transaction; a list is one SQL statement in autocommit, through {@link GenreQueries}, in no transaction (see BookService). */
@Service
public class GenreService {

    private final GenreQueries queries;
    private final GenreRepository genres;
    private final JsonMergePatch mergePatch;

    GenreService(GenreQueries queries, GenreRepository genres, JsonMergePatch mergePatch) {
        this.queries = queries;
        this.genres = genres;
        this.mergePatch = mergePatch;
    }

    /** What GET /genres may be sorted by (each has an index, see V5). */
    public static final SortOptions<GenreResponse> SORTABLE = SortOptions.<GenreResponse>byId("g.id", GenreResponse::id)
            .and("name", "g.name", GenreResponse::name);

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public ListPage<GenreResponse> list(String nameContains, ListRequest<GenreResponse> page) {
        return queries.page(nameContains, page);
    }

    /**
     * The 404 of a missing genre, before a nested POST reads its body. Not read-only, so it
     * asks the primary, which the write that follows goes to (a replica may not have the genre yet).
     */
    @Transactional
    public void requireExists(long id) {
        if (!genres.existsById(id)) {
            throw new ResourceNotFoundException("Genre", id);
        }
    }

    @Transactional(readOnly = true)
    public Tagged<GenreResponse> get(long id) {
        return tagged(find(id));
    }

    @Transactional
    public Tagged<GenreResponse> create(GenreRequest request) {
        return tagged(genres.save(new Genre(request.name())));
    }

    @Transactional
    public Tagged<GenreResponse> replace(long id, GenreRequest request, IfMatch ifMatch) {
        Genre genre = find(id);
        ifMatch.check(ETags.of(genre.getVersion()), "Genre", id);
        return replace(genre, request);
    }

    /** PATCH: the merge patch applied to the genre's name must make a valid PUT body. */
    @Transactional
    public Tagged<GenreResponse> patch(long id, ObjectNode patch, IfMatch ifMatch) {
        Genre genre = find(id);
        ifMatch.check(ETags.of(genre.getVersion()), "Genre", id);
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("name", genre.getName());
        return replace(genre, mergePatch.apply(current, patch, GenreRequest.class));
    }

    /** Deletes the genre; its books stay, only the links go (ON DELETE CASCADE on book_genre). */
    @Transactional
    public void delete(long id, IfMatch ifMatch) {
        if (!ifMatch.isPresent()) {
            if (genres.deleteGenreById(id) == 0) {
                throw new ResourceNotFoundException("Genre", id);
            }
            return;
        }
        Genre genre = find(id);
        ifMatch.check(ETags.of(genre.getVersion()), "Genre", id);
        genres.delete(genre); // versioned: fails if someone changed the genre since it was read
    }

    private Tagged<GenreResponse> replace(Genre genre, GenreRequest request) {
        genre.setName(request.name());
        // Write now, so the version (and the ETag we answer with) is the one in the database.
        genres.flush();
        return tagged(genre);
    }

    private static Tagged<GenreResponse> tagged(Genre genre) {
        return new Tagged<>(GenreResponse.of(genre), ETags.of(genre.getVersion()));
    }

    private Genre find(long id) {
        return genres.findById(id).orElseThrow(() -> new ResourceNotFoundException("Genre", id));
    }
}
