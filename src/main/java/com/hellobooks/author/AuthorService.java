package com.hellobooks.author;

import com.hellobooks.web.ListPage;
import com.hellobooks.web.ListRequest;
import com.hellobooks.web.ResourceNotFoundException;
import com.hellobooks.web.SortOptions;
import com.hellobooks.web.SubstringFilter;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The author use cases; each public method is one transaction. */
@Service
@Transactional
public class AuthorService {

    private final AuthorRepository authors;

    AuthorService(AuthorRepository authors) {
        this.authors = authors;
    }

    /** What GET /authors may be sorted by (each has an index, see V5). */
    public static final SortOptions SORTABLE = SortOptions.idAnd("name");

    @Transactional(readOnly = true)
    public ListPage<AuthorResponse> list(String nameContains, ListRequest page) {
        Window<Author> window = authors.findBy(page.narrow(SubstringFilter.<Author>containsIgnoringCase("name", nameContains)), query -> query
                .sortBy(page.sort()).limit(page.limit()).scroll(page.position()));
        return ListPage.of(window, page, AuthorResponse::of);
    }

    @Transactional(readOnly = true)
    public AuthorResponse get(long id) {
        return AuthorResponse.of(authors.findById(id).orElseThrow(() -> new ResourceNotFoundException("Author", id)));
    }

    public AuthorResponse create(AuthorRequest request) {
        return AuthorResponse.of(authors.save(new Author(request.name())));
    }

    public void replace(long id, AuthorRequest request) {
        authors.findById(id).orElseThrow(() -> new ResourceNotFoundException("Author", id)).setName(request.name());
    }

    /** Deletes the author; its books stay, without an author (ON DELETE SET NULL). */
    public void delete(long id) {
        if (authors.deleteAuthorById(id) == 0) {
            throw new ResourceNotFoundException("Author", id);
        }
    }
}
