package com.hellobooks.genre;

import com.hellobooks.book.Book;
import com.hellobooks.book.BookRepository;
import com.hellobooks.web.ListPage;
import com.hellobooks.web.ListRequest;
import com.hellobooks.web.ResourceNotFoundException;
import com.hellobooks.web.SortOptions;
import com.hellobooks.web.SubstringFilter;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The genre use cases, and linking books to genres; each public method is one transaction. */
@Service
@Transactional
public class GenreService {

    private final GenreRepository genres;
    private final BookRepository books;

    GenreService(GenreRepository genres, BookRepository books) {
        this.genres = genres;
        this.books = books;
    }

    /** What GET /genres may be sorted by (each has an index, see V5). */
    public static final SortOptions SORTABLE = SortOptions.idAnd("name");

    @Transactional(readOnly = true)
    public ListPage<GenreResponse> list(String nameContains, ListRequest page) {
        Window<Genre> window = genres.findBy(page.narrow(SubstringFilter.<Genre>containsIgnoringCase("name", nameContains)), query -> query
                .sortBy(page.sort()).limit(page.limit()).scroll(page.position()));
        return ListPage.of(window, page, GenreResponse::of);
    }

    @Transactional(readOnly = true)
    public GenreResponse get(long id) {
        return GenreResponse.of(find(id));
    }

    public GenreResponse create(GenreRequest request) {
        return GenreResponse.of(genres.save(new Genre(request.name())));
    }

    public void replace(long id, GenreRequest request) {
        find(id).setName(request.name());
    }

    public void delete(long id) {
        if (genres.deleteGenreById(id) == 0) {
            throw new ResourceNotFoundException("Genre", id);
        }
    }

    /** Puts a book in a genre; doing it twice is the same as doing it once. */
    public void attach(long genreId, long bookId) {
        Genre genre = find(genreId);
        bookWithGenres(bookId).getGenres().add(genre);
    }

    /** Takes a book out of a genre; a book that is not in it stays as it is. */
    public void detach(long genreId, long bookId) {
        Genre genre = find(genreId);
        bookWithGenres(bookId).getGenres().remove(genre);
    }

    private Genre find(long id) {
        return genres.findById(id).orElseThrow(() -> new ResourceNotFoundException("Genre", id));
    }

    private Book bookWithGenres(long id) {
        return books.findWithAuthorById(id).orElseThrow(() -> new ResourceNotFoundException("Book", id));
    }
}
