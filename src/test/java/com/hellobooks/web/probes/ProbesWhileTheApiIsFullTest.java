package com.hellobooks.web.probes;

import java.time.Duration;
import java.util.List;

import com.hellobooks.support.ApiTest;
import com.hellobooks.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probe port answers while every thread of the API's connector is taken: it has threads
 * of its own. Two API threads, both held by half-sent POSTs; platform threads, since virtual
 * ones (Java 21+) cannot be used up this way.
 */
@TestPropertySource(properties = { "hellobooks.probes.port=0", "server.tomcat.threads.max=2",
        "server.tomcat.threads.min-spare=1", "spring.threads.virtual.enabled=false" })
class ProbesWhileTheApiIsFullTest extends ApiTest {

    private static final int API_THREADS = 2;

    @Autowired
    private ProbePort probePort;

    @Test
    void theProbePortAnswersWhileEveryApiThreadIsTaken() throws Exception {
        try (RawHttp.HeldPosts held = new RawHttp.HeldPosts(port())) {
            for (int i = 0; i < API_THREADS; i++) {
                held.add();
            }
            // The API port's own probe now waits for a thread: what the probe port is for.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> RawHttp.statusLine(port(), "/actuator/health/liveness", Duration.ofSeconds(1)) == null);

            for (String path : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus")) {
                assertThat(RawHttp.statusLine(probePort.port(), path, Duration.ofSeconds(5))).as(path).isEqualTo("HTTP/1.1 200 ");
            }

            assertThat(held.releaseAll()).containsOnly("HTTP/1.1 201 ").hasSize(API_THREADS);
        }
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
