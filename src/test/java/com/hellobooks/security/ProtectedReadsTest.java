package com.hellobooks.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.hellobooks.support.ApiTest;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** hellobooks.security.protect-reads=true: reads need a valid token too (any scope); probes stay open. */
class ProtectedReadsTest extends ApiTest {

    private static final RSAKey KEY = TestTokens.generateKey();
    private static final Path PUBLIC_KEY_FILE = TestTokens.writePublicKey(KEY);

    @DynamicPropertySource
    static void publicKeyAndProtectedReads(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> PUBLIC_KEY_FILE.toUri().toString());
        properties.add("hellobooks.security.protect-reads", () -> "true");
    }

    @Test
    void readsNeedAValidTokenOfAnyScope() {
        http.get().uri("/books").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("WWW-Authenticate");
        String readOnly = TestTokens.token(KEY, "books:read", Duration.ofMinutes(5));
        http.get().uri("/books").headers(headers -> headers.setBearerAuth(readOnly)).exchange().expectStatus().isOk();
        http.post().uri("/books").headers(headers -> headers.setBearerAuth(readOnly))
                .contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\", \"description\": \"d\"}").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void theDescriptionAsksForTheTokenOnReadsToo() {
        String readOnly = TestTokens.token(KEY, "books:read", Duration.ofMinutes(5));
        JsonNode description = JsonMapper.builder().build().readTree(http.get().uri("/v3/api-docs")
                .headers(headers -> headers.setBearerAuth(readOnly)).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        List<String> openReads = new ArrayList<>();
        description.path("paths").properties().forEach(path -> {
            if (path.getValue().has("get") && !path.getValue().path("get").path("security").equals(JsonMapper.builder().build().readTree("[{\"bearer\": []}]"))) {
                openReads.add(path.getKey());
            }
        });
        assertThat(openReads).as("GETs described without the bearer requirement").isEmpty();
    }

    @Test
    void probesStayOpen() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }
}
