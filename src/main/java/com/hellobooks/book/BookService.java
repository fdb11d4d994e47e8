package com.hellobooks.book;

import com.hellobooks.author.Author;
import com.hellobooks.author.AuthorRepository;
import com.hellobooks.genre.Genre;
import com.hellobooks.genre.GenreRepository;
import com.hellobooks.web.NullableField;
import com.hellobooks.web.ResourceNotFoundException;
import com.hellobooks.web.UnknownReferenceException;
import com.hellobooks.web.ListPage;
import com.hellobooks.web.ListRequest;
import com.hellobooks.web.SortOptions;
import jakarta.persistence.criteria.JoinType;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The book use cases; each public method is one transaction. */
@Service
@Transactional
public class BookService {

    private final BookRepository books;
    private final AuthorRepository authors;
    private final GenreRepository genres;

    BookService(BookRepository books, AuthorRepository authors, GenreRepository genres) {
        this.books = books;
        this.authors = authors;
        this.genres = genres;
    }

    /** What GET /books and the nested book lists may be sorted by (each has an index, see V5). */
    public static final SortOptions SORTABLE = SortOptions.idAnd("title");

    @Transactional(readOnly = true)
    public ListPage<BookResponse> list(BookFilter filter, ListRequest page) {
        Window<Book> window = books.findBy(page.narrow(filter.toSpecification().and(fetchingAuthor())), query -> query
                .sortBy(page.sort()).limit(page.limit()).scroll(page.position()));
        return ListPage.of(window, page, BookResponse::of);
    }

    /** Joins each book's author into the page's statement: a to-one join keeps one row per book. */
    private static Specification<Book> fetchingAuthor() {
        return (root, query, cb) -> {
            if (Book.class.equals(query.getResultType())) {
                root.fetch("author", JoinType.LEFT);
            }
            return cb.conjunction();
        };
    }

    /** An author's books; 404 when the author does not exist, so an empty list means "no books". */
    @Transactional(readOnly = true)
    public ListPage<BookResponse> listByAuthor(long authorId, ListRequest page) {
        if (!authors.existsById(authorId)) {
            throw new ResourceNotFoundException("Author", authorId);
        }
        return list(BookFilter.byAuthor(authorId), page);
    }

    /** A genre's books; 404 when the genre does not exist. */
    @Transactional(readOnly = true)
    public ListPage<BookResponse> listByGenre(long genreId, ListRequest page) {
        if (!genres.existsById(genreId)) {
            throw new ResourceNotFoundException("Genre", genreId);
        }
        return list(BookFilter.byGenre(genreId), page);
    }

    @Transactional(readOnly = true)
    public BookResponse get(long id) {
        return BookResponse.of(books.findWithAuthorById(id).orElseThrow(() -> new ResourceNotFoundException("Book", id)));
    }

    public BookResponse create(BookRequest request) {
        Author author = request.authorId() == null ? null : referencedAuthor(request.authorId());
        return BookResponse.of(books.save(new Book(request.title(), request.description(), author)));
    }

    /** POST /authors/{id}/books: the author in the path wins over any author_id in the body. */
    public BookResponse createForAuthor(long authorId, BookRequest request) {
        Author author = authors.findById(authorId).orElseThrow(() -> new ResourceNotFoundException("Author", authorId));
        return BookResponse.of(books.save(new Book(request.title(), request.description(), author)));
    }

    /** POST /genres/{id}/books: a new book, in the genre of the path. */
    public BookResponse createForGenre(long genreId, BookRequest request) {
        Genre genre = genres.findById(genreId).orElseThrow(() -> new ResourceNotFoundException("Genre", genreId));
        Author author = request.authorId() == null ? null : referencedAuthor(request.authorId());
        Book book = new Book(request.title(), request.description(), author);
        book.getGenres().add(genre);
        return BookResponse.of(books.save(book));
    }

    public void replace(long id, BookRequest request) {
        Book book = books.findById(id).orElseThrow(() -> new ResourceNotFoundException("Book", id));
        book.setTitle(request.title());
        book.setDescription(request.description());
        if (request.authorId() != null) {
            book.setAuthor(referencedAuthor(request.authorId()));
        }
    }

    public void delete(long id) {
        if (books.deleteBookById(id) == 0) {
            throw new ResourceNotFoundException("Book", id);
        }
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
