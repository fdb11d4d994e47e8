package com.hellobooks.security;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no issuer or key configured (the shared test context), Spring Security changes nothing
 * a client of the original API relies on: no token, no session, no login page, no CORS.
 */
class OpenByDefaultTest extends ApiTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void writesNeedNoTokenAndAnyTokenSentIsIgnored() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\", \"description\": \"d\"}").exchange()
                .expectStatus().isCreated()
                .expectHeader().doesNotExist("Set-Cookie")
                .expectHeader().doesNotExist("WWW-Authenticate");
        http.post().uri("/authors").header("Authorization", "Bearer not-a-jwt").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"n\"}").exchange()
                .expectStatus().isCreated();
        http.delete().uri("/books/1").exchange().expectStatus().isNoContent();
    }

    @Test
    void everyResponseForbidsSniffingAndFraming() {
        http.get().uri("/books").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
        http.get().uri("/books/9").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
    }

    @Test
    void aPreflightFromAnyOriginGetsNoPermission() {
        http.options().uri("/books")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .exchange()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectHeader().doesNotExist("Access-Control-Allow-Methods");
        http.get().uri("/books").header("Origin", "https://elsewhere.example").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    /** Spring Security's login, logout and token-metadata endpoints do not exist here. */
    @ParameterizedTest
    @ValueSource(strings = { "/login", "/logout", "/.well-known/oauth-protected-resource" })
    void securityAddsNoEndpoints(String path) {
        http.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** No user store means no "Using generated security password" in the log either. */
    @Test
    void thereAreNoUsersAndNoTokenDecoder() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
        assertThat(context.getBeanNamesForType(JwtDecoder.class)).isEmpty();
    }
}
