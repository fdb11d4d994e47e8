package com.hellobooks.database;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.hellobooks.support.ApiTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations alone, run on an empty database of the test server, build the schema the entities expect. */
class MigrationTest extends ApiTest {

    @Autowired
    private Flyway applicationFlyway;

    @Autowired
    private JdbcConnectionDetails connection;

    private String database;
    private JdbcTemplate empty;

    @BeforeEach
    void createEmptyDatabase() {
        database = "migration_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("CREATE DATABASE " + database);
        String url = connection.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        DataSource dataSource = new DriverManagerDataSource(url, connection.getUsername(), connection.getPassword());
        empty = new JdbcTemplate(dataSource);
        Flyway.configure().configuration(applicationFlyway.getConfiguration()).dataSource(dataSource).load().migrate();
    }

    @AfterEach
    void dropDatabase() {
        jdbc.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void theMigrationsRetellTheLessonInOrder() {
        assertThat(empty.queryForList("SELECT script FROM flyway_schema_history WHERE success ORDER BY installed_rank", String.class))
                .startsWith("V1__create_book.sql", "V2__create_author_and_link_books.sql");
    }

    @Test
    void bookHasANullableAuthorForeignKeyThatIsSetNullOnDelete() {
        assertThat(columns("book")).containsExactly(
                Map.of("column_name", "id", "is_nullable", "NO"),
                Map.of("column_name", "title", "is_nullable", "NO"),
                Map.of("column_name", "description", "is_nullable", "NO"),
                Map.of("column_name", "author_id", "is_nullable", "YES"),
                Map.of("column_name", "version", "is_nullable", "NO"));
        assertThat(empty.queryForObject("""
                SELECT rc.delete_rule FROM information_schema.referential_constraints rc
                WHERE rc.constraint_name = 'book_author_id_fkey'""", String.class)).isEqualTo("SET NULL");
        assertThat(empty.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'book_author_id_idx'", String.class))
                .contains("(author_id)");
    }

    @Test
    void deletingAnAuthorKeepsItsBooksWithoutAnAuthor() {
        Long author = empty.queryForObject("INSERT INTO author (name) VALUES ('Gone') RETURNING id", Long.class);
        empty.update("INSERT INTO book (title, description, author_id) VALUES ('Kept', '', ?)", author);

        empty.update("DELETE FROM author WHERE id = ?", author);

        assertThat(empty.queryForObject("SELECT count(*) FROM book WHERE title = 'Kept'", Long.class)).isEqualTo(1L);
        assertThat(empty.queryForObject("SELECT author_id FROM book WHERE title = 'Kept'", Long.class)).isNull();
    }

    @Test
    void deletingABookOrAGenreRemovesOnlyTheirLinks() {
        Long book = empty.queryForObject("INSERT INTO book (title, description) VALUES ('B', '') RETURNING id", Long.class);
        Long kept = empty.queryForObject("INSERT INTO book (title, description) VALUES ('Kept', '') RETURNING id", Long.class);
        Long genre = empty.queryForObject("INSERT INTO genre (name) VALUES ('G') RETURNING id", Long.class);
        Long other = empty.queryForObject("INSERT INTO genre (name) VALUES ('Other') RETURNING id", Long.class);
        empty.update("INSERT INTO book_genre (book_id, genre_id) VALUES (?, ?), (?, ?), (?, ?)", book, genre, kept, genre, kept, other);

        empty.update("DELETE FROM book WHERE id = ?", book);
        empty.update("DELETE FROM genre WHERE id = ?", genre);

        assertThat(empty.queryForObject("SELECT count(*) FROM genre", Long.class)).isEqualTo(1L);
        assertThat(empty.queryForObject("SELECT count(*) FROM book", Long.class)).isEqualTo(1L);
        assertThat(empty.queryForList("SELECT genre_id FROM book_genre WHERE book_id = ?", Long.class, kept)).containsExactly(other);
    }

    private List<Map<String, Object>> columns(String table) {
        return empty.queryForList("""
                SELECT column_name, is_nullable FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position""", table);
    }
}
