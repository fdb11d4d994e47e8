package com.hellobooks.security;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The CORS answers a browser gets with one origin allowed, the same with tokens checked or not. */
final class CorsChecks {

    static final String ALLOWED_ORIGIN = "https://books.example";

    private CorsChecks() {
    }

    /** A preflight for a PUT of a book from the allowed origin, asking for the given headers (comma-separated). */
    static void preflightForAPutIsAllowed(RestTestClient http, String requestHeaders) {
        http.options().uri("/books/1")
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", requestHeaders)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .expectHeader().value("Access-Control-Allow-Methods", methods -> assertThat(methods).contains("PUT"))
                .expectHeader().value("Access-Control-Allow-Headers", headers -> assertThat(headers.toLowerCase())
                        .contains(requestHeaders.split(",\\s*")))
                .expectHeader().doesNotExist("Access-Control-Allow-Credentials");
    }

    /** Any other origin is refused before anything else, with a problem and no permission. */
    static void anotherOriginIsRefused(RestTestClient http) {
        http.options().uri("/books")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectBody().jsonPath("$.message").isEqualTo("Cross-origin requests from this origin are not allowed");
    }
}
