package com.hellobooks.database.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hellobooks.support.ServerSql;
import com.hellobooks.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The routing behind {@code hellobooks.datasource.replica.url}, with two databases on the test
 * server standing in for a primary and its replica. They are not replicated, which is the
 * point: a row that exists only in the "replica" shows which server a request read from.
 * Replication itself (and read-your-writes through a synchronous standby) is checked by
 * {@code scripts/cluster/cluster.sh replica} on real streaming replication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadReplicaTest {

    private static final String PRIMARY = "hello_books_routing_primary";
    private static final String REPLICA = "hello_books_routing_replica";

    @LocalServerPort
    private int port;

    private RestTestClient http;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) throws SQLException {
        String primary = TestDatabase.serverUrl(PRIMARY).orElse(null);
        assumeTrue(primary != null, "needs a test server it can create databases on (not Testcontainers)");
        String replica = TestDatabase.serverUrl(REPLICA).orElseThrow();
        admin("DROP DATABASE IF EXISTS " + PRIMARY + " WITH (FORCE)", "DROP DATABASE IF EXISTS " + REPLICA + " WITH (FORCE)",
                "CREATE DATABASE " + PRIMARY, "CREATE DATABASE " + REPLICA);
        // The replica gets the schema as a standby would: from outside the application, whose
        // Flyway only ever talks to the primary.
        Flyway.configure().dataSource(replica, "postgres", null).load().migrate();
        registry.add("spring.datasource.url", () -> primary);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("hellobooks.datasource.replica.url", () -> replica);
        registry.add("hellobooks.datasource.replica.retry-after", () -> "100ms");
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        if (TestDatabase.serverUrl(PRIMARY).isPresent()) {
            admin("DROP DATABASE IF EXISTS " + PRIMARY + " WITH (FORCE)", "DROP DATABASE IF EXISTS " + REPLICA + " WITH (FORCE)");
        }
    }

    @BeforeEach
    void client() throws SQLException {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        admin("ALTER DATABASE " + REPLICA + " ALLOW_CONNECTIONS true");
        for (String database : new String[] { PRIMARY, REPLICA }) {
            ServerSql.execute(database, "TRUNCATE book_genre, book, author, genre RESTART IDENTITY CASCADE");
        }
    }

    @Test
    void readsComeFromTheReplicaAndWritesGoToThePrimary() throws SQLException {
        ServerSql.execute(REPLICA, "INSERT INTO book (title, description) VALUES ('Only on the replica', 'r')");

        // Eventually, not at once: after the other test's outage the replica pool reconnects
        // in the background, and reads use the primary until then.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> http.get().uri("/books/1").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Only on the replica"));

        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Written\", \"description\": \"w\"}").exchange().expectStatus().isCreated();
        assertThat(ServerSql.count(PRIMARY, "SELECT count(*) FROM book WHERE title = 'Written'")).isEqualTo(1);
        assertThat(ServerSql.count(REPLICA, "SELECT count(*) FROM book WHERE title = 'Written'")).isZero();
    }

    @Test
    void readsFallBackToThePrimaryWhileTheReplicaIsDown() throws SQLException {
        ServerSql.execute(PRIMARY, "INSERT INTO book (title, description) VALUES ('On the primary', 'p')");
        admin("ALTER DATABASE " + REPLICA + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + REPLICA + "'");
        // pg_terminate_backend only signals: until a session has ended, a read on it still
        // reaches the replica (and finds no book 1 there)
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ServerSql.count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + REPLICA + "'") == 0);

        for (int i = 0; i < 20; i++) {
            http.get().uri("/books/1").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.title").isEqualTo("On the primary");
        }
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void aReadWhoseReplicaSessionIsEndedIsReadAgainFromThePrimary() throws Exception {
        ServerSql.execute(PRIMARY, "INSERT INTO book (title, description) VALUES ('On the primary', 'p')");
        ServerSql.execute(REPLICA, "INSERT INTO book (title, description) VALUES ('Only on the replica', 'r')");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> http.get().uri("/books/1").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Only on the replica"));

        // Hold the read on the replica with a lock, then end its session the way a standby
        // that shuts down does (57P01, "terminating connection due to administrator command").
        try (Connection locker = DriverManager.getConnection(TestDatabase.serverUrl(REPLICA).orElseThrow(), "postgres", null);
                Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE book IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> http.get().uri("/books/1").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("On the primary"));
            String waiting = "FROM pg_stat_activity WHERE datname = '" + REPLICA + "' AND wait_event_type = 'Lock'";
            await().atMost(Duration.ofSeconds(10)).until(() -> ServerSql.count("postgres", "SELECT count(*) " + waiting) == 1);
            admin("SELECT pg_terminate_backend(pid) " + waiting);
            read.get(20, TimeUnit.SECONDS);
            locker.rollback();
        }
    }

    private static void admin(String... statements) throws SQLException {
        ServerSql.execute("postgres", statements);
    }
}
