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

    /**
     * The same, with the transaction's COMMIT behind it in the same round trip: pgjdbc sends
     * both statements of the string together and the server runs the COMMIT only if the INSERT
     * succeeded (after an error it skips to the end of the batch). The transaction manager's
     * own commit then finds the transaction over and sends nothing (pgjdbc's commit() does
     * nothing on an idle connection). That is one round trip fewer: a keyed POST /books is two
     * (pgjdbc sends the BEGIN with the first statement), where it was three.
     */
    private static final String RECORD_AND_COMMIT = RECORD + ";\nCOMMIT";

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
     * Stores the first answer for the key and commits the transaction it runs in; false when
     * the key already has an answer (live or expired), in which case nothing was committed and
     * the failed INSERT has ended the transaction's use: roll it back. Any other failure may
     * have come before the COMMIT or after it: whether it happened, only the key can tell.
     */
    boolean recordFirstAndCommit(String subject, IdempotencyKey key, StoredResponse response) {
        try {
            jdbc.sql(RECORD_AND_COMMIT)
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
