package com.hellobooks.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.hellobooks.support.ApiTest;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.hellobooks.security.CorsChecks.ALLOWED_ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API with a public key configured, as a deployment that turns authentication on: writes
 * need a JWT with the books:write scope, reads and probes stay open, and one browser origin
 * may call it. The tests sign their own tokens with a key generated for the run.
 * <p>
 * This is a second Spring context (ApiTest's plus these properties); it shares the test run's
 * one database with the others.
 */
class JwtWriteProtectionTest extends ApiTest {

    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");
    private static final String BOOK = "{\"title\": \"t\", \"description\": \"d\"}";

    private static final RSAKey KEY = TestTokens.generateKey();
    private static final RSAKey OTHER_KEY = TestTokens.generateKey();
    private static final Path PUBLIC_KEY_FILE = TestTokens.writePublicKey(KEY);

    @DynamicPropertySource
    static void publicKeyAndOrigin(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> PUBLIC_KEY_FILE.toUri().toString());
        properties.add("hellobooks.cors.allowed-origins", () -> ALLOWED_ORIGIN);
    }

    @Test
    void aTokenWithTheWriteScopeMayWrite() {
        String token = TestTokens.token(KEY, "openid books:write", Duration.ofMinutes(5));
        long book = createBookWith(token);

        http.put().uri("/books/{id}", book).headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isNoContent();
        http.patch().uri("/books/{id}", book).headers(headers -> headers.setBearerAuth(token))
                .contentType(MERGE_PATCH).body("{\"title\": \"t2\"}").exchange()
                .expectStatus().isNoContent();
        http.delete().uri("/books/{id}", book).headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void aWriteWithoutATokenIsA401ProblemAndChangesNothing() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("WWW-Authenticate", challenge -> assertThat(challenge).startsWith("Bearer"))
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody()
                .json("""
                        {"type": "about:blank", "title": "Unauthorized", "status": 401, "instance": "/books",
                         "message": "Authentication required: send an access token as 'Authorization: Bearer <token>'"}""")
                .jsonPath("$.detail").isEqualTo("Authentication required: send an access token as 'Authorization: Bearer <token>'")
                .jsonPath("$.correlation_id").isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Long.class)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT", "PATCH", "DELETE" })
    void everyOtherWriteNeedsATokenToo(String method) {
        long book = createBookWith(TestTokens.token(KEY, "books:write", Duration.ofMinutes(5)));
        MediaType type = method.equals("PATCH") ? MERGE_PATCH : MediaType.APPLICATION_JSON;

        http.method(HttpMethod.valueOf(method)).uri("/books/{id}", book).contentType(type).body(BOOK).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.queryForObject("SELECT title FROM book WHERE id = ?", String.class, book)).isEqualTo("t");
    }

    @Test
    void anExpiredTokenIsA401InvalidToken() {
        // past the decoder's 60 seconds of allowed clock skew
        String expired = TestTokens.token(KEY, "books:write", Duration.ofMinutes(-10));

        http.post().uri("/books").headers(headers -> headers.setBearerAuth(expired))
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("WWW-Authenticate", challenge -> assertThat(challenge)
                        .startsWith("Bearer").contains("error=\"invalid_token\""))
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.message").value(message -> assertThat((String) message).startsWith("Invalid access token: ").contains("expired"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsA401InvalidToken() {
        String forged = TestTokens.token(OTHER_KEY, "books:write", Duration.ofMinutes(5));

        http.post().uri("/books").headers(headers -> headers.setBearerAuth(forged))
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value("WWW-Authenticate", challenge -> assertThat(challenge).contains("error=\"invalid_token\""))
                .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).startsWith("Invalid access token: "));
        http.post().uri("/books").headers(headers -> headers.setBearerAuth("not.a.jwt"))
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Long.class)).isZero();
    }

    @Test
    void aValidTokenWithoutTheWriteScopeIsA403Problem() {
        String reader = TestTokens.token(KEY, "books:read", Duration.ofMinutes(5));

        http.post().uri("/books").headers(headers -> headers.setBearerAuth(reader))
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("WWW-Authenticate", challenge -> assertThat(challenge)
                        .startsWith("Bearer").contains("error=\"insufficient_scope\""))
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .json("""
                        {"type": "about:blank", "title": "Forbidden", "status": 403, "instance": "/books",
                         "message": "The access token lacks the books:write scope needed to change data"}""")
                .jsonPath("$.correlation_id").isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Long.class)).isZero();
    }

    @Test
    void readsNeedNoToken() {
        long book = createBookWith(TestTokens.token(KEY, "books:write", Duration.ofMinutes(5)));

        http.get().uri("/books").exchange().expectStatus().isOk();
        http.get().uri("/books/{id}", book).exchange()
                .expectStatus().isOk()
                .expectHeader().exists("ETag");
        http.head().uri("/authors").exchange().expectStatus().isOk();
    }

    @Test
    void probesAndScrapersNeedNoToken() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    /**
     * The error dispatch that renders an error is not authorized again: a body too large is
     * refused before authentication, and stays a 413 rather than becoming a 401.
     */
    @Test
    void errorsKeepTheirStatusWithOrWithoutAToken() {
        String tooLarge = "x".repeat(1024 * 1024 + 1);
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(tooLarge).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String token = TestTokens.token(KEY, "books:write", Duration.ofMinutes(5));
        http.post().uri("/books").headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(tooLarge).exchange()
                .expectStatus().isEqualTo(413);
        http.post().uri("/books/1").headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isEqualTo(405);
    }

    @Test
    void theProtectedResourceMetadataNamesTheWriteScope() {
        http.get().uri("/.well-known/oauth-protected-resource").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.scopes_supported").isEqualTo(List.of("books:write"));
    }

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithoutAToken() {
        CorsChecks.preflightForAPutIsAllowed(http, "authorization, content-type, if-match, prefer");
    }

    @Test
    void aCrossOriginResponseLetsTheScriptReadTheApisHeaders() {
        long book = createBookWith(TestTokens.token(KEY, "books:write", Duration.ofMinutes(5)));

        http.get().uri("/books/{id}", book).header("Origin", ALLOWED_ORIGIN).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .expectHeader().value("Access-Control-Expose-Headers", exposed -> assertThat(exposed)
                        .contains("ETag", "Location", "Link", "X-Request-Id"));
    }

    @Test
    void anotherOriginIsRefusedWithAProblem() {
        CorsChecks.anotherOriginIsRefused(http);
    }

    @Test
    void idempotencyKeysBelongToTheTokensSubject() {
        String librarian = TestTokens.token(KEY, "librarian", "books:write", Duration.ofMinutes(5));
        String again = TestTokens.token(KEY, "librarian", "books:write", Duration.ofMinutes(10));
        String archivist = TestTokens.token(KEY, "archivist", "books:write", Duration.ofMinutes(5));

        String first = postKeyed(librarian, "shared-key");
        String sameSubject = postKeyed(again, "shared-key");
        String otherSubject = postKeyed(archivist, "shared-key");

        // the librarian's retry, with a new token, replays; the archivist's key is another key
        assertThat(sameSubject).isEqualTo(first);
        assertThat(otherSubject).isNotEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT subject FROM idempotency_key ORDER BY subject", String.class))
                .containsExactly("archivist", "librarian");
    }

    private String postKeyed(String token, String key) {
        return http.post().uri("/books").headers(headers -> headers.setBearerAuth(token)).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isCreated()
                .returnResult().getResponseHeaders().getLocation().getPath();
    }

    private long createBookWith(String token) {
        String location = http.post().uri("/books").headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(BOOK).exchange()
                .expectStatus().isCreated()
                .returnResult().getResponseHeaders().getLocation().getPath();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }
}
