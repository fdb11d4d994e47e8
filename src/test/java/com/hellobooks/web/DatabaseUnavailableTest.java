package com.hellobooks.web;

import com.hellobooks.web.filters.CorrelationIdFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app pointed at a PostgreSQL that does not answer (nothing listens on 127.0.0.1:1):
 * requests get a 503 the client can retry, never a 500 or a stack trace. The same context
 * checks that a real bug is a 500 whose correlation id leads to the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unreachable",
        "spring.datasource.hikari.connection-timeout=250",
        // the answer once retrying is over; DatabaseOutageTest shows the retry itself
        "hellobooks.datasource.retry-budget=0s",
        // Boot without touching the database: no migrations, no schema validation, no metadata.
        "spring.flyway.enabled=false",
        "spring.jpa.hibernate.ddl-auto=none",
        "spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
        "spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect" })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnavailableTest {

    @LocalServerPort
    private int port;

    private RestTestClient http;

    @BeforeEach
    void connect() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void readsAndWritesGet503WithRetryAfter() {
        http.get().uri("/books").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.message").isEqualTo("The database is unavailable; try again shortly")
                .consumeWith(result -> assertThat(new String(result.getResponseBody()))
                        .doesNotContainIgnoringCase("sql")
                        .doesNotContain("Exception", "jdbc", "127.0.0.1"));
        http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"n\"}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5");
        // a keyed POST opens its transaction before the handler: the same 503, as a problem
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "k")
                .body("{\"title\": \"t\", \"description\": \"d\"}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo("The database is unavailable; try again shortly");
    }

    @Test
    void clientMistakesAreStill4xxWithoutTheDatabase() {
        http.get().uri("/books/cat").exchange().expectStatus().isBadRequest();
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{}").exchange().expectStatus().isBadRequest();
    }

    @Test
    void readinessIsDownSoNoTrafficIsSentHere() {
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                // a cache must not answer the next probe with this one
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .consumeWith(result -> assertThat(new String(result.getResponseBody()))
                        .doesNotContain("Exception", "jdbc", "127.0.0.1"));
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN");
    }

    @Test
    void livenessStaysUpSoTheInstanceIsNotRestartedForTheDatabasesOutage() {
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void aBugIsA500WhoseCorrelationIdIsInTheBodyTheHeaderAndTheLog(CapturedOutput log) {
        var result = http.get().uri("/test/bug").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .consumeWith(response -> assertThat(new String(response.getResponseBody()))
                        .doesNotContain("secret internals", "IllegalStateException"))
                .returnResult();
        String correlationId = result.getResponseHeaders().getFirst(CorrelationIdFilter.HEADER);

        assertThat(new String(result.getResponseBody())).contains("\"correlation_id\":\"" + correlationId + "\"");
        assertThat(log.getOut()).contains(correlationId).contains("secret internals");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BuggyEndpoint {

        @Bean
        BugController bugController() {
            return new BugController();
        }
    }

    @RestController
    static class BugController {

        @GetMapping("/test/bug")
        String bug() {
            throw new IllegalStateException("secret internals");
        }
    }
}
