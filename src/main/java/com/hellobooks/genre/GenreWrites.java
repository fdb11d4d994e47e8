package com.hellobooks.genre;

import java.sql.Types;
import java.util.Optional;

import com.hellobooks.web.conditional.Current;
import com.hellobooks.web.conditional.ETags;
import com.hellobooks.web.conditional.Tagged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PUT, PATCH and DELETE of a genre, each one SQL statement in autocommit on the primary, whose
 * WHERE holds the version check: a writer that loses waits only for the winner's statement and
 * hands its connection back within milliseconds (the book's {@code BookWrites} says more).
 */
@Component
class GenreWrites {

    /** On the given version (null: whatever it is); the same name again keeps the version and ETag, as Hibernate did. */
    private static final String UPDATE_GENRE = """
            UPDATE genre SET name = :name, version = version + CASE WHEN name = :name THEN 0 ELSE 1 END
            WHERE id = :id AND version = COALESCE(:version, version)
            RETURNING id, name, version""";

    /** Its books stay; only their links to it go (ON DELETE CASCADE on book_genre). */
    private static final String DELETE_GENRE = "DELETE FROM genre WHERE id = :id AND version = COALESCE(:version, version)";

    private final JdbcClient jdbc;

    GenreWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** On the primary (a replica may lag behind the ETag the client has), without a lock. */
    Optional<Current<GenreResponse>> current(long id) {
        return jdbc.sql("SELECT id, name, version FROM genre WHERE id = ?").param(id)
                .query((row, n) -> Current.of(new GenreResponse(row.getLong("id"), row.getString("name")), row.getLong("version")))
                .optional();
    }

    /** Empty when no row was written: the genre is gone, or is no longer at that version. */
    Optional<Tagged<GenreResponse>> update(long id, Long version, String name) {
        return jdbc.sql(UPDATE_GENRE).param("id", id).param("version", version, Types.BIGINT).param("name", name)
                .query((row, n) -> new Tagged<>(new GenreResponse(row.getLong("id"), row.getString("name")), ETags.of(row.getLong("version"))))
                .optional();
    }

    /** False when no row went: the genre is gone, or is no longer at that version. */
    boolean delete(long id, Long version) {
        return jdbc.sql(DELETE_GENRE).param("id", id).param("version", version, Types.BIGINT).update() == 1;
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM genre WHERE id = ?)").param(id).query(Boolean.class).single();
    }
}
