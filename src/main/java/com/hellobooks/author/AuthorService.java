package com.hellobooks.author;

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

/** The author use cases. Each write is one transaction; a list is one SQL statement in autocommit, through {@link AuthorQueries}, in no transaction (see BookService). */
@Service
public class AuthorService {

    private final AuthorQueries queries;
    private final AuthorRepository authors;
    private final JsonMergePatch mergePatch;

    AuthorService(AuthorQueries queries, AuthorRepository authors, JsonMergePatch mergePatch) {
        this.queries = queries;
        this.authors = authors;
        this.mergePatch = mergePatch;
    }

    /** What GET /authors may be sorted by (each has an index, see V5). */
    public static final SortOptions<AuthorResponse> SORTABLE = SortOptions.<AuthorResponse>byId("a.id", AuthorResponse::id)
            .and("name", "a.name", AuthorResponse::name);

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public ListPage<AuthorResponse> list(String nameContains, ListRequest<AuthorResponse> page) {
        return queries.page(nameContains, page);
    }

    /**
     * The 404 of a missing author, before a nested POST reads its body. Not read-only, so it
     * asks the primary, which the write that follows goes to (a replica may not have the author yet).
     */
    @Transactional
    public void requireExists(long id) {
        if (!authors.existsById(id)) {
            throw new ResourceNotFoundException("Author", id);
        }
    }

    @Transactional(readOnly = true)
    public Tagged<AuthorResponse> get(long id) {
        return tagged(find(id));
    }

    @Transactional
    public Tagged<AuthorResponse> create(AuthorRequest request) {
        return tagged(authors.save(new Author(request.name())));
    }

    @Transactional
    public Tagged<AuthorResponse> replace(long id, AuthorRequest request, IfMatch ifMatch) {
        Author author = find(id);
        ifMatch.check(ETags.of(author.getVersion()), "Author", id);
        return replace(author, request);
    }

    /** PATCH: the merge patch applied to the author's name must make a valid PUT body. */
    @Transactional
    public Tagged<AuthorResponse> patch(long id, ObjectNode patch, IfMatch ifMatch) {
        Author author = find(id);
        ifMatch.check(ETags.of(author.getVersion()), "Author", id);
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("name", author.getName());
        return replace(author, mergePatch.apply(current, patch, AuthorRequest.class));
    }

    /** Deletes the author; its books stay, without an author (ON DELETE SET NULL). */
    @Transactional
    public void delete(long id, IfMatch ifMatch) {
        if (!ifMatch.isPresent()) {
            if (authors.deleteAuthorById(id) == 0) {
                throw new ResourceNotFoundException("Author", id);
            }
            return;
        }
        Author author = find(id);
        ifMatch.check(ETags.of(author.getVersion()), "Author", id);
        authors.delete(author); // versioned: fails if someone changed the author since it was read
    }

    private Tagged<AuthorResponse> replace(Author author, AuthorRequest request) {
        author.setName(request.name());
        // Write now, so the version (and the ETag we answer with) is the one in the database.
        authors.flush();
        return tagged(author);
    }

    private Author find(long id) {
        return authors.findById(id).orElseThrow(() -> new ResourceNotFoundException("Author", id));
    }

    private static Tagged<AuthorResponse> tagged(Author author) {
        return new Tagged<>(AuthorResponse.of(author), ETags.of(author.getVersion()));
    }
}
