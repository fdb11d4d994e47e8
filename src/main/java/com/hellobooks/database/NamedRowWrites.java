package com.hellobooks.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.function.BiFunction;

import com.hellobooks.web.conditional.Current;
import com.hellobooks.web.conditional.ETags;
import com.hellobooks.web.conditional.Tagged;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * POST, PUT, PATCH and DELETE of a row that is an id, a name and a version (an author, a
 * genre), each one SQL statement in autocommit on the primary (a POST with an Idempotency-Key
 * runs its INSERT inside the transaction that stores its answer). The WHERE of an UPDATE or a
 * DELETE holds the version check: a
 * writer that loses waits only for the winner's statement and hands its connection back
 * within milliseconds (the book's {@code BookWrites} says more). A feature's own subclass
 * names the table and builds its response from the row's id and name.
 *
 * @param <T> the response body
 */
public abstract class NamedRowWrites<T> {

    private final JdbcClient jdbc;
    private final BiFunction<Long, String, T> response;
    private final String select;
    private final String insert;
    private final String update;
    private final String delete;
    private final String exists;

    /** {@code table} is the subclass's own constant, never a client's text. */
    protected NamedRowWrites(JdbcClient jdbc, String table, BiFunction<Long, String, T> response) {
        this.jdbc = jdbc;
        this.response = response;
        this.select = "SELECT id, name, version FROM " + table + " WHERE id = ?";
        // version 0, as Hibernate wrote a new entity's
        this.insert = "INSERT INTO " + table + " (name, version) VALUES (?, 0) RETURNING id, name, version";
        // On the given version (null: whatever it is); the same name again keeps the version
        // and ETag, as Hibernate did.
        this.update = "UPDATE " + table + " SET name = :name, version = version + CASE WHEN name = :name THEN 0 ELSE 1 END"
                + " WHERE id = :id AND version = COALESCE(:version, version) RETURNING id, name, version";
        this.delete = "DELETE FROM " + table + " WHERE id = :id AND version = COALESCE(:version, version)";
        this.exists = "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = ?)";
    }

    /** On the primary (a replica may lag behind the ETag the client has), without a lock. */
    public Optional<Current<T>> current(long id) {
        return jdbc.sql(select).param(id)
                .query((row, n) -> Current.of(response.apply(row.getLong("id"), row.getString("name")), row.getLong("version")))
                .optional();
    }

    public Tagged<T> insert(String name) {
        return jdbc.sql(insert).param(name).query((row, n) -> tagged(row)).single();
    }

    /** Empty when no row was written: the row is gone, or is no longer at that version. */
    public Optional<Tagged<T>> update(long id, Long version, String name) {
        return jdbc.sql(update).param("id", id).param("version", version, Types.BIGINT).param("name", name)
                .query((row, n) -> tagged(row))
                .optional();
    }

    /** False when no row went: the row is gone, or is no longer at that version. */
    public boolean delete(long id, Long version) {
        return jdbc.sql(delete).param("id", id).param("version", version, Types.BIGINT).update() == 1;
    }

    public boolean exists(long id) {
        return jdbc.sql(exists).param(id).query(Boolean.class).single();
    }

    private Tagged<T> tagged(ResultSet row) throws SQLException {
        return new Tagged<>(response.apply(row.getLong("id"), row.getString("name")), ETags.of(row.getLong("version")));
    }
}
