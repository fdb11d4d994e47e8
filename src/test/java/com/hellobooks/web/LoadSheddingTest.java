package com.hellobooks.web;

import java.net.Socket;
import java.time.Duration;

import com.hellobooks.support.ApiTest;
import com.hellobooks.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.json.JsonCompareMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Past the cap on requests in progress, a request gets a quick 503 with Retry-After; probes still answer. */
@TestPropertySource(properties = { "hellobooks.http.max-concurrent-requests=1", "hellobooks.http.queue-timeout=50ms" })
class LoadSheddingTest extends ApiTest {

    @Test
    void aRequestOverTheCapIsTurnedAwayAtOnceWithRetryAfter() throws Exception {
        // One request holds the only place: it declares a body and sends only part of it.
        try (Socket slow = RawHttp.heldPost(port())) {

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/books").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            long start = System.nanoTime();
            http.get().uri("/books/1").header("X-Request-Id", "shed-1").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("X-Request-Id", "shed-1")
                    .expectHeader().valueEquals("Cache-Control", "no-store")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectBody().json("""
                            {"type": "about:blank", "title": "Service Unavailable", "status": 503,
                             "detail": "Service Unavailable", "message": "Service Unavailable", "correlation_id": "shed-1"}""",
                            JsonCompareMode.STRICT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("turned away without waiting long").isLessThan(Duration.ofSeconds(2));
            http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

            assertThat(RawHttp.release(slow)).isEqualTo("HTTP/1.1 201 ");
        }
        http.get().uri("/books").exchange().expectStatus().isOk();
    }
}
