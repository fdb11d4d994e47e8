package com.hellobooks.book;

import java.util.LinkedHashMap;
import java.util.Map;

import com.hellobooks.author.AuthorRepository;
import com.hellobooks.database.retry.Autocommit;
import com.hellobooks.genre.Genre;
import com.hellobooks.genre.GenreRepository;
import com.hellobooks.web.conditional.Current;
import com.hellobooks.web.conditional.IfMatch;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.errors.ResourceNotFoundException;
import com.hellobooks.web.errors.UnknownReferenceException;
import com.hellobooks.web.json.JsonMergePatch;
import com.hellobooks.web.paging.ListPage;
import com.hellobooks.web.paging.ListRequest;
import com.hellobooks.web.paging.SortOptions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The book use cases. The POSTs and the writes to an existing book's own row (PUT, PATCH,
 * DELETE) are SQL statements in autocommit, through {@link BookWrites}, which says why; a POST
 * joins a keyed POST's transaction when there is one. The genre links of existing books are
 * each one transaction on the {@link Book} entity. Each read is one SQL statement in
 * autocommit, through {@link BookQueries}. Methods without a transaction of their own are
 * {@link Autocommit}: they open none (no BEGIN, no COMMIT round trip), while the read replica's
 * routing and the retry while the database is unreachable still apply to them.
 */
@Service
public class BookService {

    /** What GET /books and the nested book lists may be sorted by (each has an index, see V5). */
    public static final SortOptions<BookResponse> SORTABLE = SortOptions.<BookResponse>byId("b.id", BookResponse::id)
            .and("title", "b.title", BookResponse::title);

    private final BookQueries queries;
    private final BookWrites writes;
    private final BookRepository books;
    private final AuthorRepository authors;
    private final GenreRepository genres;
    private final JsonMergePatch mergePatch;

    BookService(BookQueries queries, BookWrites writes, BookRepository books, AuthorRepository authors, GenreRepository genres, JsonMergePatch mergePatch) {
        this.queries = queries;
        this.writes = writes;
        this.books = books;
        this.authors = authors;
        this.genres = genres;
        this.mergePatch = mergePatch;
    }

    @Autocommit(readOnly = true)
    public ListPage<BookResponse> list(BookQueries.Filter filter, ListRequest<BookResponse> page) {
        return queries.page(filter, page);
    }

    /**
     * An author's books; 404 when the author does not exist, so an empty list means "no books".
     * A page with books proves the author exists, so only an empty page costs the extra lookup.
     */
    @Autocommit(readOnly = true)
    public ListPage<BookResponse> listByAuthor(long authorId, ListRequest<BookResponse> page) {
        ListPage<BookResponse> books = list(BookQueries.Filter.byAuthor(authorId), page);
        if (books.items().isEmpty() && !authors.existsById(authorId)) {
            throw new ResourceNotFoundException("Author", authorId);
        }
        return books;
    }

    /** A genre's books; 404 when the genre does not exist (looked up only for an empty page, as above). */
    @Autocommit(readOnly = true)
    public ListPage<BookResponse> listByGenre(long genreId, ListRequest<BookResponse> page) {
        ListPage<BookResponse> books = list(BookQueries.Filter.byGenre(genreId), page);
        if (books.items().isEmpty() && !genres.existsById(genreId)) {
            throw new ResourceNotFoundException("Genre", genreId);
        }
        return books;
    }

    @Autocommit(readOnly = true)
    public Tagged<BookResponse> get(long id) {
        return queries.find(id).orElseThrow(() -> new ResourceNotFoundException("Book", id));
    }

    /**
     * POST /books: one INSERT in autocommit (see {@link BookWrites}), or one statement of the
     * transaction that a POST with an Idempotency-Key runs in, which stores its answer too.
     */
    @Autocommit
    public Tagged<BookResponse> create(BookRequest request) {
        Long authorId = request.authorId() == null ? null : request.authorId().value();
        return writes.insert(request.title(), request.description(), authorId);
    }

    /**
     * POST /authors/{id}/books: POST /books with the path's author, which wins over any
     * author_id in the body. Its foreign key finding no author means the author went after
     * the controller's check: the path's 404, not the body's 422.
     */
    @Autocommit
    public Tagged<BookResponse> createForAuthor(long authorId, BookRequest request) {
        try {
            return writes.insert(request.title(), request.description(), authorId);
        } catch (UnknownReferenceException ex) {
            throw new ResourceNotFoundException("Author", authorId);
        }
    }

    /** POST /genres/{id}/books: a new book, in the genre of the path; one statement that inserts both. */
    @Autocommit
    public Tagged<BookResponse> createForGenre(long genreId, BookRequest request) {
        Long authorId = request.authorId() == null ? null : request.authorId().value();
        return writes.insertInGenre(genreId, request.title(), request.description(), authorId)
                .orElseThrow(() -> new ResourceNotFoundException("Genre", genreId));
    }

    /**
     * PUT: one UPDATE. With ETags in If-Match, first the read that checks them, and the UPDATE
     * then holds only on the version that read found.
     */
    @Autocommit
    public Tagged<BookResponse> replace(long id, BookRequest request, IfMatch ifMatch) {
        Long version = ifMatch.versionToWriteOn(() -> writes.current(id), "Book", id);
        return writes.update(id, version, request).orElseThrow(() -> IfMatch.lost("Book", id, version, () -> writes.exists(id)));
    }

    /**
     * PATCH: the merge patch applied to the book's writable fields must make a valid PUT body;
     * it is written on the version it was applied to, so a concurrent change is never overwritten.
     */
    @Autocommit
    public Tagged<BookResponse> patch(long id, ObjectNode patch, IfMatch ifMatch) {
        Current<BookResponse> current = ifMatch.checked(writes.current(id), "Book", id);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", current.value().title());
        fields.put("description", current.value().description());
        fields.put("author_id", current.value().authorId());
        BookRequest merged = mergePatch.apply(fields, patch, BookRequest.class);
        return writes.update(id, current.version(), merged).orElseThrow(() -> IfMatch.lost("Book", id, current.version(), () -> writes.exists(id)));
    }

    /** DELETE: one statement, after the read that checks If-Match's ETags if it has any. */
    @Autocommit
    public void delete(long id, IfMatch ifMatch) {
        Long version = ifMatch.versionToWriteOn(() -> writes.current(id), "Book", id);
        if (!writes.delete(id, version)) {
            throw IfMatch.lost("Book", id, version, () -> writes.exists(id));
        }
    }

    /** PUT /genres/{id}/books/{bookId}: puts a book in a genre; doing it twice is the same as doing it once. */
    @Transactional
    public void addToGenre(long genreId, long bookId) {
        Genre genre = genre(genreId);
        find(bookId).getGenres().add(genre);
    }

    /** DELETE /genres/{id}/books/{bookId}: takes a book out of a genre; a book that is not in it stays as it is. */
    @Transactional
    public void removeFromGenre(long genreId, long bookId) {
        Genre genre = genre(genreId);
        find(bookId).getGenres().remove(genre);
    }

    private Book find(long id) {
        return books.findWithAuthorById(id).orElseThrow(() -> new ResourceNotFoundException("Book", id));
    }

    private Genre genre(long id) {
        return genres.findById(id).orElseThrow(() -> new ResourceNotFoundException("Genre", id));
    }
}
