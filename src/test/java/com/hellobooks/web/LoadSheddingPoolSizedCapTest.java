package com.hellobooks.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unset, the cap on requests in progress is twice the database pool's size: with a pool of two
 * connections (Flyway needs two at startup), four requests in progress turn a fifth away.
 */
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=2", "hellobooks.http.queue-timeout=50ms" })
class LoadSheddingPoolSizedCapTest extends ApiTest {

    private static final String BODY = "{\"title\": \"slow\", \"description\": \"d\"}";

    @Test
    void fourRequestsInProgressFillTheCapOfAPoolOfTwo() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int n = 0; n < 3; n++) {
                slow.add(slowPost());
            }
            // three places taken, one free: requests keep being served
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> http.get().uri("/books").exchange().expectStatus().isOk());
            slow.add(slowPost());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/books").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1"));
            for (Socket socket : slow) {
                assertThat(finish(socket)).isEqualTo("HTTP/1.1 201 ");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        http.get().uri("/books").exchange().expectStatus().isOk();
    }

    /** A POST that declares its body and sends only part of it, holding its place meanwhile. */
    private Socket slowPost() throws Exception {
        Socket socket = new Socket("localhost", port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /books HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + BODY.length() + "\r\n\r\n" + BODY.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String finish(Socket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(BODY.substring(10).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
