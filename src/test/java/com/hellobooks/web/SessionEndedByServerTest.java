package com.hellobooks.web;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that ends the app's session in the middle of a request (shutting down, a restart,
 * an administrator's pg_terminate_backend: SQL state 57P01) has gone away as much as one that
 * refuses connections: the client gets the 503 with Retry-After, not a 500. A keyed POST
 * knows its own transaction had not committed, so it runs again instead.
 */
class SessionEndedByServerTest extends ApiTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aReadWhoseSessionTheServerEndsGets503WithRetryAfter() throws Exception {
        long book = createBook("t", "d");
        // A read waits only for a lock that conflicts with reading: the whole table's.
        assertEndedSessionAnswers503("LOCK TABLE book IN ACCESS EXCLUSIVE MODE", "select b.id",
                () -> http.get().uri("/books/{id}", book).exchange().expectBody().returnResult());
        http.get().uri("/books/{id}", book).exchange().expectStatus().isOk();
    }

    @Test
    void aWriteWhoseSessionTheServerEndsGets503WithRetryAfter() throws Exception {
        long book = createBook("t", "d");
        assertEndedSessionAnswers503("UPDATE book SET title = title WHERE id = " + book, "with book as (",
                () -> http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"title\": \"t2\", \"description\": \"d\"}").exchange().expectBody().returnResult());
        // the next request gets a sound connection from the pool
        http.get().uri("/books/{id}", book).exchange().expectStatus().isOk();
    }

    @Test
    void aKeyedPostWhoseSessionTheServerEndsBeforeItsCommitRunsAgainAndWritesOnce() throws Exception {
        long author = createAuthor("A");
        String body = "{\"title\": \"t\", \"description\": \"d\", \"author_id\": " + author + "}";
        String waiting = "FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND lower(query) LIKE 'with b as%'";
        try (Connection locker = dataSource.getConnection(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            // the new book's foreign key check waits for the author's row, locked here
            lock.execute("SELECT * FROM author WHERE id = " + author + " FOR UPDATE");
            CompletableFuture<EntityExchangeResult<byte[]>> answer = CompletableFuture.supplyAsync(
                    () -> http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "ended")
                            .body(body).exchange().expectBody().returnResult());
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) " + waiting, Integer.class) == 1);
            int ended = jdbc.queryForObject("SELECT pid " + waiting, Integer.class);
            jdbc.queryForObject("SELECT pg_terminate_backend(" + ended + ")", Boolean.class);

            // the server rolled the ended transaction back; the POST runs again on another session
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) " + waiting + " AND pid <> " + ended, Integer.class) == 1);
            assertThat(answer).isNotDone();
            locker.rollback();

            EntityExchangeResult<byte[]> result = answer.get();
            assertThat(result.getStatus().value()).isEqualTo(201);
            assertThat(result.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key", Integer.class)).isEqualTo(1);
        // the same key again: the stored answer, no second book
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "ended").body(body)
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Integer.class)).isEqualTo(1);
    }

    /**
     * Takes a lock with {@code lockStatement} in a transaction of the test's own, sends the
     * request, waits until the app's statement (starting with {@code appStatement}) waits for
     * that lock in the server, ends that session, and expects the 503.
     */
    private void assertEndedSessionAnswers503(String lockStatement, String appStatement,
            Supplier<EntityExchangeResult<byte[]>> request) throws Exception {
        try (Connection locker = dataSource.getConnection(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute(lockStatement);
            CompletableFuture<EntityExchangeResult<byte[]>> answer = CompletableFuture.supplyAsync(request);
            String waiting = "FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND lower(query) LIKE '" + appStatement + "%'";
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) " + waiting, Integer.class) == 1);
            jdbc.queryForObject("SELECT pg_terminate_backend(pid) " + waiting, Boolean.class);

            EntityExchangeResult<byte[]> result = answer.get();
            assertThat(result.getStatus().value()).isEqualTo(503);
            assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(new String(result.getResponseBody())).contains("The database is unavailable; try again shortly");
            locker.rollback();
        }
    }
}
