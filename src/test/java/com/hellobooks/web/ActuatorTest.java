package com.hellobooks.web;

import java.time.Duration;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health for probes and metrics for Prometheus; every other actuator path is a 404 problem. */
class ActuatorTest extends ApiTest {

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
    void healthAndBothProbesAreUpWithoutDetails(String path) {
        http.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                // anonymous callers never see the components or the database behind them
                .jsonPath("$.components").doesNotExist()
                .jsonPath("$.details").doesNotExist();
    }

    @Test
    void prometheusHasHttpAndConnectionPoolMetrics() {
        http.get().uri("/books").exchange().expectStatus().isOk();

        // The request's timer is recorded once the server has finished the exchange, which
        // may be just after the client has its response.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/books\"[^}]*} [1-9]"));
        // all the timer's tags, from RequestMetricsConvention, which leaves out only the tracing values
        assertThat(scrape()).containsPattern("(?m)^http_server_requests_seconds_count\\{error=\"none\",exception=\"none\","
                + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/books\"} [1-9]");
        assertThat(scrape())
                .containsPattern("(?m)^hikaricp_connections\\{pool=\"[^\"]+\"} [1-9]")
                .contains("hikaricp_connections_active{", "hikaricp_connections_pending{")
                // each request is timed once, not once more per Spring Security filter
                .doesNotContain("spring_security_");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/info",
            "/actuator/configprops", "/actuator/loggers", "/actuator/mappings", "/actuator/conditions",
            "/actuator/threaddump", "/actuator/heapdump", "/actuator/flyway", "/actuator/scheduledtasks",
            "/actuator/sbom", "/actuator/shutdown", "/actuator/env/spring.datasource.password" })
    void everyOtherActuatorPathIsA404Problem(String path) {
        http.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.message").isNotEmpty()
                .jsonPath("$.correlation_id").isNotEmpty();
    }

    @Test
    void shutdownCannotBePosted() {
        http.post().uri("/actuator/shutdown").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /**
     * The health endpoint itself answers these with an empty 404 (components are not shown,
     * so {@code db} is as unknown as {@code nope}); ActuatorProblemFilter makes them problems.
     */
    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health/nope", "/actuator/health/db", "/actuator/health/readiness/db" })
    void anUnknownOrHiddenHealthPathIsA404Problem(String path) {
        http.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo(path)
                .jsonPath("$.message").isEqualTo("Not Found");
    }

    @Test
    void actuatorEndpointsAreReadOnlyAndSayWhatTheyServe() {
        http.post().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "GET")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/actuator/prometheus").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private String scrape() {
        return http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
