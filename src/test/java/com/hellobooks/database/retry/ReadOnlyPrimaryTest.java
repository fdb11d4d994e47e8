package com.hellobooks.database.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hellobooks.support.ServerSql;
import com.hellobooks.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What a switchover does to the app, on a database of the test server: its pooled connections
 * end (57P01), and the new ones meet a server that refuses writes (25006), as the old primary
 * does once it is a standby, until the new primary answers. Writes sent meanwhile wait and
 * succeed, instead of a 503; connections that refused a write are not handed out again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ReadOnlyPrimaryTest {

    private static final String DATABASE = "hello_books_read_only_primary";

    @LocalServerPort
    private int port;

    private RestTestClient http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws SQLException {
        String url = TestDatabase.serverUrl(DATABASE).orElse(null);
        assumeTrue(url != null, "needs a test server it can create databases on (not Testcontainers)");
        ServerSql.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "CREATE DATABASE " + DATABASE);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (TestDatabase.serverUrl(DATABASE).isPresent()) {
            ServerSql.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void writesDuringASwitchoverWaitForTheWritableServerAndSucceed(CapturedOutput output) throws SQLException {
        // The "switchover": new sessions are read-only, and the current ones end.
        ServerSql.execute("postgres", "ALTER DATABASE " + DATABASE + " SET default_transaction_read_only = on",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
        // Reads go on; the pool now holds read-only connections.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> http.get().uri("/books").exchange().expectStatus().isOk());
        // A second later the database takes writes again (new sessions only, as a new primary would).
        CompletableFuture<Void> writable = CompletableFuture.runAsync(() -> {
            try {
                ServerSql.execute("postgres", "ALTER DATABASE " + DATABASE + " SET default_transaction_read_only = off");
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

        long started = System.nanoTime();
        // keyed first: it runs in a transaction of its own, which is tried again as a whole
        http.post().uri("/genres").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "during")
                .body("{\"name\": \"during\"}").exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist("Retry-After").expectHeader().doesNotExist("Cache-Control");
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"during\", \"description\": \"d\"}")
                .exchange().expectStatus().isCreated();
        http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"during\"}")
                .exchange().expectStatus().isCreated();
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        writable.join();

        // the first write waited for the writable server, well within the retry budget
        assertThat(waitedMs).isBetween(500L, 8_000L);
        assertThat(ServerSql.count(DATABASE, "SELECT count(*) FROM book WHERE title = 'during'")).isEqualTo(1);
        assertThat(ServerSql.count(DATABASE, "SELECT count(*) FROM author WHERE name = 'during'")).isEqualTo(1);
        assertThat(ServerSql.count(DATABASE, "SELECT count(*) FROM genre WHERE name = 'during'")).isEqualTo(1);
        // the keyed POST's attempts that met the read-only server were not answers: no warning for an operator
        assertThat(output.getOut()).doesNotContain("Database unavailable");
    }
}
