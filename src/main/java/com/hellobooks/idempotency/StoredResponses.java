package com.hellobooks.idempotency;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The idempotency_key table: first answers, looked up by subject and key while they are kept. */
@Repository
class StoredResponses {

    /**
     * A plain INSERT: a key already taken fails on the primary key (after waiting for a
     * concurrent first use of it to end). ON CONFLICT would spare the error but costs a
     * speculative insertion on every first use, which is nearly every keyed POST (a replay
     * leaves one "duplicate key" error in the server log instead).
     */
    private static final String RECORD = """
            INSERT INTO idempotency_key (subject, key, fingerprint, status, content_type, location, etag, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String FIND = """
            SELECT fingerprint, status, content_type, location, etag, body FROM idempotency_key
            WHERE subject = ? AND key = ? AND created_at >= now() - make_interval(secs => ?)""";

    private static final String FREE_EXPIRED = """
            DELETE FROM idempotency_key
            WHERE subject = ? AND key = ? AND created_at < now() - make_interval(secs => ?)""";

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

    /**
     * Stores the first answer for the key; false when the key already has an answer (live or
     * expired), in which case the failed INSERT has ended the transaction's use: roll it back.
     */
    boolean recordFirst(String subject, IdempotencyKey key, StoredResponse response) {
        try {
            jdbc.sql(RECORD)
                    .params(subject, key.value(), response.fingerprint(), response.status(), response.contentType(),
                            response.location(), response.etag(), response.body())
                    .update();
            return true;
        } catch (DuplicateKeyException ex) {
            return false;
        }
    }

    Optional<StoredResponse> find(String subject, IdempotencyKey key) {
        return jdbc.sql(FIND).params(subject, key.value(), retentionSeconds)
                .query((row, n) -> new StoredResponse(row.getBytes("fingerprint"), row.getInt("status"),
                        row.getString("content_type"), row.getString("location"), row.getString("etag"), row.getBytes("body")))
                .optional();
    }

    /** Removes the key's answer if it has expired (the purge had not reached it yet); true if there was one. */
    boolean freeExpired(String subject, IdempotencyKey key) {
        return jdbc.sql(FREE_EXPIRED).params(subject, key.value(), retentionSeconds).update() > 0;
    }

    /** Removes one batch of expired keys; returns how many. */
    int purgeExpired() {
        return jdbc.sql(PURGE).params(retentionSeconds, purgeBatch).update();
    }
}
