package floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring MVC, Jackson, Hikari and JdbcClient, nothing else: no security, no actuator, no
 * filters of ours, no ETag, no genres, no validation. What it serves on a machine is the most
 * any Spring Boot app can serve there for these requests. Built with -Pcontract, it also
 * carries what the API contract requires ({@code src/contract/}).
 */
@SpringBootApplication
@RestController
public class FloorApplication {

    record Book(long id, String title, String description, Long authorId, String author) {
    }

    record NewBook(String title, String description, @JsonProperty("author_id") Long authorId) {
    }

    private final JdbcClient jdbc;
    private final BookReader books;

    FloorApplication(JdbcClient jdbc, BookReader books) {
        this.jdbc = jdbc;
        this.books = books;
    }

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    /** No database: what MVC and Jackson cost alone. */
    @GetMapping("/constant")
    Book constant() {
        return new Book(1, "A title", "A description", 2L, "An author");
    }

    /** One statement in autocommit, the book with its author joined; -Pcontract reads its genres too. */
    @GetMapping("/books/{id}")
    Object book(@PathVariable long id) {
        return books.read(id);
    }

    /** How GET /books/{id} reads a book. */
    interface BookReader {
        Object read(long id);
    }

    @Bean
    static BookReader bookWithAuthor(JdbcClient jdbc) {
        return id -> jdbc.sql("""
                SELECT b.id, b.title, b.description, b.author_id, a.name
                FROM book b LEFT JOIN author a ON a.id = b.author_id WHERE b.id = ?""")
                .param(id)
                .query((row, n) -> new Book(row.getLong(1), row.getString(2), row.getString(3),
                        row.getObject(4, Long.class), row.getString(5)))
                .single();
    }

    /** The same one statement as Hello Books' POST /books, in autocommit. */
    @PostMapping("/books")
    @ResponseStatus(HttpStatus.CREATED)
    Book create(@RequestBody NewBook book) {
        return jdbc.sql("""
                WITH b AS (INSERT INTO book (title, description, author_id, version) VALUES (?, ?, ?, 0)
                           RETURNING id, title, description, author_id)
                SELECT b.id, b.title, b.description, b.author_id, a.name FROM b LEFT JOIN author a ON a.id = b.author_id""")
                .params(book.title(), book.description(), book.authorId())
                .query((row, n) -> new Book(row.getLong(1), row.getString(2), row.getString(3),
                        row.getObject(4, Long.class), row.getString(5)))
                .single();
    }
}
