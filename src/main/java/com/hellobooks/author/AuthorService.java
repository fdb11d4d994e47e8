package com.hellobooks.author;

import java.util.List;

import com.hellobooks.web.ResourceNotFoundException;
import com.hellobooks.web.SubstringFilter;
import org.springframework.data.domain.Sort;
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

    @Transactional(readOnly = true)
    public List<AuthorResponse> list(String nameContains) {
        return authors.findAll(SubstringFilter.containsIgnoringCase("name", nameContains), Sort.by("id"))
                .stream().map(AuthorResponse::of).toList();
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
