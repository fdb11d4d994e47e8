package com.hellobooks.web;

import java.time.Duration;

import com.hellobooks.support.ApiTest;
import com.hellobooks.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unset, the cap on requests in progress is two and a half times the database pool's size,
 * rounded up: with a pool of two connections (Flyway needs two at startup), five requests in
 * progress turn a sixth away.
 */
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=2", "hellobooks.http.queue-timeout=50ms" })
class LoadSheddingPoolSizedCapTest extends ApiTest {

    @Test
    void fiveRequestsInProgressFillTheCapOfAPoolOfTwo() throws Exception {
        try (RawHttp.HeldPosts slow = new RawHttp.HeldPosts(port())) {
            for (int n = 0; n < 4; n++) {
                slow.add();
            }
            // four places taken, one free: requests keep being served
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> http.get().uri("/books").exchange().expectStatus().isOk());
            slow.add();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/books").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1"));
            assertThat(slow.releaseAll()).containsOnly("HTTP/1.1 201 ").hasSize(5);
        }
        http.get().uri("/books").exchange().expectStatus().isOk();
    }
}
