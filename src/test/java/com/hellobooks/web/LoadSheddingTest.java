package com.hellobooks.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.hellobooks.support.ApiTest;
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
        String body = "{\"title\": \"slow\", \"description\": \"d\"}";
        try (Socket slow = new Socket("localhost", port())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /books HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();

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

            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 201 ");
        }
        http.get().uri("/books").exchange().expectStatus().isOk();
    }
}
