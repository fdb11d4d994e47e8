package com.hellobooks.book;

import java.util.LinkedHashMap;
import java.util.Map;

import com.hellobooks.author.Author;
import com.hellobooks.author.AuthorRepository;
import com.hellobooks.genre.Genre;
import com.hellobooks.genre.GenreRepository;
import com.hellobooks.web.conditional.IfMatch;
import com.hellobooks.web.conditional.Tagged;
import com.hellobooks.web.errors.ResourceNotFoundException;
import com.hellobooks.web.errors.UnknownReferenceException;
import com.hellobooks.web.json.JsonMergePatch;
import com.hellobooks.web.json.NullableField;
import com.hellobooks.web.paging.ListPage;
import com.hellobooks.web.paging.ListRequest;
import com.hellobooks.web.paging.SortOptions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The book use cases. Each write is one transaction, on the {@link Book} entity, except POST
 * /books, which is one INSERT in autocommit ({@link BookInsert} says why) unless it joins a
 * keyed POST's transaction. Each read is
 * one SQL statement in autocommit, through {@link BookQueries}: read-only, and SUPPORTS, so it
 * opens no transaction of its own (no BEGIN, no COMMIT round trip), while the read replica's
 * routing and retry still see it as a read.
 */
@Service
public class BookService {

    /** What GET /books and the nested book lists may be sorted by (each has an index, see V5). */
    public static final SortOptions<BookResponse> SORTABLE = SortOptions.<BookResponse>byId("b.id", BookResponse::id)
            .and("title", "b.title", BookResponse::title);

    private final BookQueries queries;
    private final BookInsert insert;
    private final BookRepository books;
    private final AuthorRepository authors;
    private final GenreRepository genres;
    private final JsonMergePatch mergePatch;

    BookService(BookQueries queries, BookInsert insert, BookRepository books, AuthorRepository authors, GenreRepository genres, JsonMergePatch mergePatch) {
        this.queries = queries;
        this.insert = insert;
        this.books = books;
        this.authors = authors;
        this.genres = genres;
        this.mergePatch = mergePatch;
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public ListPage<BookResponse> list(BookQueries.Filter filter, ListRequest<BookResponse> page) {
        return queries.page(filter, page);
    }

    /**
     * An author's books; 404 when the author does not exist, so an empty list means "no books".
     * A page with books proves the author exists, so only an empty page costs the extra lookup.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public ListPage<BookResponse> listByAuthor(long authorId, ListRequest<BookResponse> page) {
        ListPage<BookResponse> books = list(BookQueries.Filter.byAuthor(authorId), page);
        if (books.items().isEmpty() && !authors.existsById(authorId)) {
            throw new ResourceNotFoundException("Author", authorId);
        }
        return books;
    }

    /** A genre's books; 404 when the genre does not exist (looked up only for an empty page, as above). */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public ListPage<BookResponse> listByGenre(long genreId, ListRequest<BookResponse> page) {
        ListPage<BookResponse> books = list(BookQueries.Filter.byGenre(genreId), page);
        if (books.items().isEmpty() && !genres.existsById(genreId)) {
            throw new ResourceNotFoundException("Genre", genreId);
        }
        return books;
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Tagged<BookResponse> get(long id) {
        return queries.find(id).orElseThrow(() -> new ResourceNotFoundException("Book", id));
    }

    /**
     * POST /books: one INSERT in autocommit (see {@link BookInsert}), or one statement of the
     * transaction that a POST with an Idempotency-Key runs in, which stores its answer too.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Tagged<BookResponse> create(BookRequest request) {
        Long authorId = request.authorId() == null ? null : request.authorId().value();
        return insert.insert(request.title(), request.description(), authorId);
    }

    /** POST /authors/{id}/books: the author in the path wins over any author_id in the body. */
    @Transactional
    public Tagged<BookResponse> createForAuthor(long authorId, BookRequest request) {
        Author author = authors.findById(authorId).orElseThrow(() -> new ResourceNotFoundException("Author", authorId));
        return tagged(books.save(new Book(request.title(), request.description(), author)));
    }

    /** POST /genres/{id}/books: a new book, in the genre of the path. */
    @Transactional
    public Tagged<BookResponse> createForGenre(long genreId, BookRequest request) {
        Genre genre = genre(genreId);
        Author author = request.authorId() == null ? null : referencedAuthor(request.authorId());
        Book book = new Book(request.title(), request.description(), author);
        book.getGenres().add(genre);
        return tagged(books.save(book));
    }

    @Transactional
    public Tagged<BookResponse> replace(long id, BookRequest request, IfMatch ifMatch) {
        Book book = find(id);
        ifMatch.check(BookResponse.etagOf(book), "Book", id);
        return replace(book, request);
    }

    /** PATCH: the merge patch applied to the book's writable fields must make a valid PUT body. */
    @Transactional
    public Tagged<BookResponse> patch(long id, ObjectNode patch, IfMatch ifMatch) {
        Book book = find(id);
        ifMatch.check(BookResponse.etagOf(book), "Book", id);
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("title", book.getTitle());
        current.put("description", book.getDescription());
        current.put("author_id", book.getAuthor() == null ? null : book.getAuthor().getId());
        return replace(book, mergePatch.apply(current, patch, BookRequest.class));
    }

    @Transactional
    public void delete(long id, IfMatch ifMatch) {
        if (!ifMatch.isPresent()) {
            if (books.deleteBookById(id) == 0) {
                throw new ResourceNotFoundException("Book", id);
            }
            return;
        }
        Book book = find(id);
        ifMatch.check(BookResponse.etagOf(book), "Book", id);
        books.delete(book); // versioned: fails if someone changed the book since it was read
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

    private Tagged<BookResponse> replace(Book book, BookRequest request) {
        book.setTitle(request.title());
        book.setDescription(request.description());
        if (request.authorId() != null && !isCurrentAuthor(book, request.authorId().value())) {
            book.setAuthor(referencedAuthor(request.authorId()));
        }
        // Write now, so the version (and the ETag we answer with) is the one in the database.
        books.flush();
        return tagged(book);
    }

    /**
     * A PUT that repeats the author, and every PATCH that leaves author_id alone (the merged
     * body carries the current one), needs no lookup: the book was read with its author.
     */
    private static boolean isCurrentAuthor(Book book, Long authorId) {
        return book.getAuthor() == null ? authorId == null : book.getAuthor().getId().equals(authorId);
    }

    private Book find(long id) {
        return books.findWithAuthorById(id).orElseThrow(() -> new ResourceNotFoundException("Book", id));
    }

    private Genre genre(long id) {
        return genres.findById(id).orElseThrow(() -> new ResourceNotFoundException("Genre", id));
    }

    private static Tagged<BookResponse> tagged(Book book) {
        return new Tagged<>(BookResponse.of(book), BookResponse.etagOf(book));
    }

    /** The author a body's author_id names: none for null, 422 when no such author exists. */
    private Author referencedAuthor(NullableField<Long> authorId) {
        Long id = authorId.value();
        if (id == null) {
            return null;
        }
        return authors.findById(id).orElseThrow(() -> new UnknownReferenceException("Author", id));
    }
}
