package com.hellobooks.security;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.hellobooks.security.CorsChecks.ALLOWED_ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One browser origin allowed and no token configured, the open API a browser page calls: CORS
 * answers as it does when tokens are checked (JwtWriteProtectionTest), writes need no token,
 * and the firewall and the headers stay. A Spring context of its own.
 */
class OpenApiCorsTest extends ApiTest {


    @DynamicPropertySource
    static void origin(DynamicPropertyRegistry properties) {
        properties.add("hellobooks.cors.allowed-origins", () -> ALLOWED_ORIGIN);
    }

    @Test
    void aPreflightFromTheAllowedOriginIsAnswered() {
        CorsChecks.preflightForAPutIsAllowed(http, "content-type, if-match");
    }

    @Test
    void aCrossOriginWriteNeedsNoTokenAndItsAnswerIsReadable() {
        http.post().uri("/books").header("Origin", ALLOWED_ORIGIN).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"d\"}").exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .expectHeader().value("Access-Control-Expose-Headers", exposed -> assertThat(exposed).contains("ETag", "Location"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
    }

    @Test
    void anotherOriginIsRefusedWithAProblem() {
        CorsChecks.anotherOriginIsRefused(http);
    }

    @Test
    void theFirewallStillRefusesWithAProblem() {
        http.get().uri("/books/%25").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }
}
