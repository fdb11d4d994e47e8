package com.hellobooks.author;

import java.sql.Types;
import java.util.Optional;

import com.hellobooks.web.conditional.Current;
import com.hellobooks.web.conditional.ETags;
import com.hellobooks.web.conditional.Tagged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PUT, PATCH and DELETE of an author, each one SQL statement in autocommit on the primary, whose
 * WHERE holds the version check: a writer that loses waits only for the winner's statement and
 * hands its connection back within milliseconds (the book's {@code BookWrites} says more).
 */
@Component
class AuthorWrites {

    /** On the given version (null: whatever it is); the same name again keeps the version and ETag, as Hibernate did. */
    private static final String UPDATE_AUTHOR = """
            UPDATE author SET name = :name, version = version + CASE WHEN name = :name THEN 0 ELSE 1 END
            WHERE id = :id AND version = COALESCE(:version, version)
            RETURNING id, name, version""";

    /** Its books stay, without an author (ON DELETE SET NULL). */
    private static final String DELETE_AUTHOR = "DELETE FROM author WHERE id = :id AND version = COALESCE(:version, version)";

    private final JdbcClient jdbc;

    AuthorWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** On the primary (a replica may lag behind the ETag the client has), without a lock. */
    Optional<Current<AuthorResponse>> current(long id) {
        return jdbc.sql("SELECT id, name, version FROM author WHERE id = ?").param(id)
                .query((row, n) -> Current.of(new AuthorResponse(row.getLong("id"), row.getString("name")), row.getLong("version")))
                .optional();
    }

    /** Empty when no row was written: the author is gone, or is no longer at that version. */
    Optional<Tagged<AuthorResponse>> update(long id, Long version, String name) {
        return jdbc.sql(UPDATE_AUTHOR).param("id", id).param("version", version, Types.BIGINT).param("name", name)
                .query((row, n) -> new Tagged<>(new AuthorResponse(row.getLong("id"), row.getString("name")), ETags.of(row.getLong("version"))))
                .optional();
    }

    /** False when no row went: the author is gone, or is no longer at that version. */
    boolean delete(long id, Long version) {
        return jdbc.sql(DELETE_AUTHOR).param("id", id).param("version", version, Types.BIGINT).update() == 1;
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM author WHERE id = ?)").param(id).query(Boolean.class).single();
    }
}
