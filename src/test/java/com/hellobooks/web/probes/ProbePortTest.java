package com.hellobooks.web.probes;

import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import com.hellobooks.support.ApiTest;
import com.hellobooks.support.RawHttp;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With hellobooks.probes.port set, health and metrics answer on both ports; the probe port
 * answers nothing else. One place under the load-shedding cap, to show the probe port is not
 * shed.
 */
@TestPropertySource(properties = { "hellobooks.probes.port=0", "hellobooks.http.max-concurrent-requests=1",
        "hellobooks.http.queue-timeout=50ms" })
class ProbePortTest extends ApiTest {

    @Autowired
    private ProbePort probePort;

    @Autowired
    private ServletWebServerApplicationContext context;

    static Stream<Arguments> probesOnEitherPort() {
        return Stream.of("api", "probe").flatMap(port -> Stream.of("/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness").map(path -> Arguments.of(port, path)));
    }

    @ParameterizedTest(name = "{0} port: {1}")
    @MethodSource("probesOnEitherPort")
    void bothPortsAnswerTheProbes(String port, String path) {
        on(port).get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = { "api", "probe" })
    void bothPortsServeTheMetrics(String port) {
        on(port).get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).value(scrape -> assertThat(scrape).contains("hikaricp_connections_active{"));
    }

    @Test
    void theApiPortStillServesTheApi() {
        http.get().uri("/books").exchange().expectStatus().isOk();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/books", "/books/1", "/authors", "/genres/1/books", "/", "/error", "/v3/api-docs",
            "/swagger-ui.html", "/actuator", "/actuator/env", "/actuator/prometheus/x", "/actuator/healthz",
            "/.well-known/oauth-protected-resource" })
    void theProbePortAnswersEveryOtherPathWithA404Problem(String path) {
        probes().get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo(path)
                .jsonPath("$.message").isEqualTo("Not Found")
                .jsonPath("$.correlation_id").isNotEmpty();
    }

    @Test
    void theProbePortTakesNoWrites() {
        probes().post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(RawHttp.BOOK).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/books").exchange().expectBody().json("[]");
    }

    @Test
    void dotSegmentsDoNotLeadFromTheProbesToTheApi() throws Exception {
        assertThat(RawHttp.statusLine(probePort.port(), "/actuator/health/../../books", Duration.ofSeconds(10)))
                .isEqualTo("HTTP/1.1 404 ");
    }

    @Test
    void anUnknownHealthPathOnTheProbePortIsA404ProblemAsOnTheApiPort() {
        probes().get().uri("/actuator/health/db").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** On Java 21+ the API's connector runs on virtual threads (spring.threads.virtual.enabled); the probes' does not. */
    @Test
    void theProbeConnectorHasPlatformThreadsOfItsOwn() {
        Connector[] connectors = ((TomcatWebServer) context.getWebServer()).getTomcat().getService().findConnectors();
        Connector probes = Arrays.stream(connectors).filter(connector -> connector.getLocalPort() == probePort.port())
                .findFirst().orElseThrow();
        Executor api = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler().getExecutor();

        Executor executor = probes.getProtocolHandler().getExecutor();
        assertThat(executor).isNotSameAs(api).isInstanceOf(ThreadPoolExecutor.class);
        assertThat(((ThreadPoolExecutor) executor).getMaximumPoolSize()).isEqualTo(ProbeConnectorCustomizer.THREADS);
    }

    @Test
    void theProbePortIsNotShedWhileTheApiHasNoPlaceLeft() throws Exception {
        try (Socket held = RawHttp.heldPost(port())) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/actuator/prometheus").exchange()
                    .expectStatus().isEqualTo(503));

            probes().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();

            assertThat(RawHttp.release(held)).isEqualTo("HTTP/1.1 201 ");
        }
    }

    private RestTestClient on(String port) {
        return port.equals("probe") ? probes() : http;
    }

    private RestTestClient probes() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + probePort.port()).build();
    }
}
