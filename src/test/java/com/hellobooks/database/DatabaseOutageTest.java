package com.hellobooks.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running app and comes back. A request that arrives meanwhile
 * goes on trying for the retry budget (4 s here, 8 s by default): an outage shorter than that
 * costs the client time, not an error. A longer one gets 503 with Retry-After and readiness is
 * DOWN; afterwards the app answers again within 5 s, without a restart, and every write
 * acknowledged before or after is there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "hellobooks.datasource.retry-budget=4s")
class DatabaseOutageTest {

    private static final Path DATA = Path.of("target/outage-postgres");
    private static EmbeddedPostgresProperties database;
    private static EmbeddedPostgresServer server;

    @LocalServerPort
    private int port;

    private RestTestClient http;

    @DynamicPropertySource
    static void ownDatabaseServer(DynamicPropertyRegistry registry) throws IOException {
        org.springframework.util.FileSystemUtils.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        database = new EmbeddedPostgresProperties(true, DATA, Path.of(".data/postgres-binaries"), freePort(), "outage");
        server = EmbeddedPostgresServer.start(database);
        registry.add("spring.datasource.url", server::jdbcUrl);
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void connect() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void anOutageGives503sAndTheAppHealsWithin5SecondsOfTheDatabaseReturning() throws IOException {
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(create("before the outage"));

        server.close();

        http.get().uri("/books").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"lost?\", \"description\": \"d\"}")
                .exchange().expectStatus().isEqualTo(503);
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        server = EmbeddedPostgresServer.start(database);
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                http.get().uri("/books").exchange().expectStatus().isOk());
        System.out.printf("outage: answering again %d ms after the database came back%n", (System.nanoTime() - back) / 1_000_000);

        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        acknowledged.add(create("after the outage"));
        for (String location : acknowledged) {
            http.get().uri(location).exchange().expectStatus().isOk();
        }
        // the 503'd POST wrote nothing
        http.get().uri("/books?title=lost").exchange().expectBody().json("[]");
    }

    @Test
    void requestsDuringAnOutageShorterThanTheRetryBudgetWaitAndSucceed() throws Exception {
        create("before the blip");
        server.close();
        // The pool has noticed: its connections to the stopped server are gone. One that was
        // used within the last 500 ms is handed out untested, and a request on it breaks with its
        // statement on the way, which is never retried (the write may have happened).
        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503));
        CompletableFuture<Void> back = CompletableFuture.runAsync(() -> server = EmbeddedPostgresServer.start(database),
                CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));

        long started = System.nanoTime();
        CompletableFuture<String> keyless = CompletableFuture.supplyAsync(() -> create("during the blip"));
        CompletableFuture<Integer> keyed = CompletableFuture.supplyAsync(() -> http.post().uri("/authors")
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "blip").body("{\"name\": \"during the blip\"}")
                .exchange().returnResult().getStatus().value());
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> http.get().uri("/books").exchange().returnResult().getStatus().value());

        String book = keyless.get(10, TimeUnit.SECONDS);
        assertThat(keyed.get(10, TimeUnit.SECONDS)).isEqualTo(201);
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        back.join();
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until all three answered").isGreaterThanOrEqualTo(500);
        http.get().uri(book).exchange().expectStatus().isOk();
        http.get().uri("/authors?name=blip").exchange().expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    private String create(String title) {
        return http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"" + title + "\", \"description\": \"d\"}")
                .exchange().expectStatus().isCreated()
                .returnResult().getResponseHeaders().getLocation().toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
