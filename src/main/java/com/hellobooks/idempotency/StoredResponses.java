package com.hellobooks.idempotency;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The idempotency_key table: first answers, looked up by subject and key while they are kept. */
@Repository
class StoredResponses {

    /**
     * A live key is left alone (no row comes back); an expired one that the purge has not
     * reached yet is free again, so it is overwritten. A concurrent first use of the same key
     * makes this wait on the primary key until that transaction ends.
     */
    private static final String RECORD = """
            INSERT INTO idempotency_key (subject, key, fingerprint, status, content_type, location, etag, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (subject, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
                content_type = excluded.content_type, location = excluded.location, etag = excluded.etag,
                body = excluded.body, created_at = now()
            WHERE idempotency_key.created_at < now() - make_interval(secs => ?)
            RETURNING 1""";

    private static final String FIND = """
            SELECT fingerprint, status, content_type, location, etag, body FROM idempotency_key
            WHERE subject = ? AND key = ? AND created_at >= now() - make_interval(secs => ?)""";

    /** Oldest first, skipping rows a writer holds, so the purge never waits for a POST nor a POST for it. */
    private static final String PURGE = """
            DELETE FROM idempotency_key WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)
                ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED))""";

    private final JdbcClient jdbc;
    private final double retentionSeconds;
    private final int purgeBatch;

    StoredResponses(JdbcClient jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.retentionSeconds = properties.retention().toMillis() / 1000.0;
        this.purgeBatch = properties.purgeBatch();
    }

    /** Stores the first answer for the key; false when the key already has a live one. */
    boolean recordFirst(String subject, IdempotencyKey key, StoredResponse response) {
        return jdbc.sql(RECORD)
                .params(subject, key.value(), response.fingerprint(), response.status(), response.contentType(),
                        response.location(), response.etag(), response.body(), retentionSeconds)
                .query(Integer.class).optional().isPresent();
    }

    Optional<StoredResponse> find(String subject, IdempotencyKey key) {
        return jdbc.sql(FIND).params(subject, key.value(), retentionSeconds)
                .query((row, n) -> new StoredResponse(row.getBytes("fingerprint"), row.getInt("status"),
                        row.getString("content_type"), row.getString("location"), row.getString("etag"), row.getBytes("body")))
                .optional();
    }

    /** Removes one batch of expired keys; returns how many. */
    int purgeExpired() {
        return jdbc.sql(PURGE).params(retentionSeconds, purgeBatch).update();
    }
}
