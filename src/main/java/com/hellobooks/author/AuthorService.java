package com.hellobooks.author;

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
 * The author use cases. POST, PUT, PATCH and DELETE are SQL in autocommit, through
 * {@link AuthorWrites}; a list is one SQL statement in autocommit, through {@link AuthorQueries}.
 * Those open no transaction (see BookService); a POST with an Idempotency-Key joins the one that
 * stores its answer.
 */
@Service
public class AuthorService {

    private final AuthorQueries queries;
    private final AuthorRepository authors;
    private final AuthorWrites writes;
    private final JsonMergePatch mergePatch;

    AuthorService(AuthorQueries queries, AuthorRepository authors, AuthorWrites writes, JsonMergePatch mergePatch) {
        this.queries = queries;
        this.authors = authors;
        this.writes = writes;
        this.mergePatch = mergePatch;
    }

    /** What GET /authors may be sorted by (each has an index, see V5). */
    public static final SortOptions<AuthorResponse> SORTABLE = SortOptions.<AuthorResponse>byId("a.id", AuthorResponse::id)
            .and("name", "a.name", AuthorResponse::name);

    @Autocommit(readOnly = true)
    public ListPage<AuthorResponse> list(String nameContains, ListRequest<AuthorResponse> page) {
        return queries.page(nameContains, page);
    }

    /**
     * The 404 of a missing author, before a nested POST reads its body. Not read-only, so it
     * asks the primary, which the write that follows goes to (a replica may not have the author yet).
     */
    @Autocommit
    public void requireExists(long id) {
        if (!writes.exists(id)) {
            throw new ResourceNotFoundException("Author", id);
        }
    }

    @Transactional(readOnly = true)
    public Tagged<AuthorResponse> get(long id) {
        return tagged(find(id));
    }

    @Autocommit
    public Tagged<AuthorResponse> create(AuthorRequest request) {
        return writes.insert(request.name());
    }

    /** PUT: one UPDATE; with ETags in If-Match, on the version that the read checking them found. */
    @Autocommit
    public Tagged<AuthorResponse> replace(long id, AuthorRequest request, IfMatch ifMatch) {
        Long version = ifMatch.versionToWriteOn(() -> writes.current(id), "Author", id);
        return writes.update(id, version, request.name()).orElseThrow(() -> IfMatch.lost("Author", id, version, () -> writes.exists(id)));
    }

    /** PATCH: the merge patch applied to the author's name must make a valid PUT body; written on the version it was applied to. */
    @Autocommit
    public Tagged<AuthorResponse> patch(long id, ObjectNode patch, IfMatch ifMatch) {
        Current<AuthorResponse> current = ifMatch.checked(writes.current(id), "Author", id);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", current.value().name());
        AuthorRequest merged = mergePatch.apply(fields, patch, AuthorRequest.class);
        return writes.update(id, current.version(), merged.name()).orElseThrow(() -> IfMatch.lost("Author", id, current.version(), () -> writes.exists(id)));
    }

    /** Deletes the author; its books stay, without an author (ON DELETE SET NULL). */
    @Autocommit
    public void delete(long id, IfMatch ifMatch) {
        Long version = ifMatch.versionToWriteOn(() -> writes.current(id), "Author", id);
        if (!writes.delete(id, version)) {
            throw IfMatch.lost("Author", id, version, () -> writes.exists(id));
        }
    }

    private Author find(long id) {
        return authors.findById(id).orElseThrow(() -> new ResourceNotFoundException("Author", id));
    }

    private static Tagged<AuthorResponse> tagged(Author author) {
        return new Tagged<>(AuthorResponse.of(author), ETags.of(author.getVersion()));
    }
}
