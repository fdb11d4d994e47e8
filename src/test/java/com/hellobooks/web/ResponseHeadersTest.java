package com.hellobooks.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache-Control and nosniff: successful reads may be kept by a cache but are revalidated,
 * errors are never stored, whichever layer produced them.
 */
class ResponseHeadersTest extends ApiTest {

    /** HTTP/1.1, where an answer is either chunked or sent with its length. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aSingleResourceMayBeCachedIfRevalidatedWithItsETag() {
        long book = createBook("t", "d");
        String etag = http.get().uri("/books/{id}", book).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                // Spring Security's default would add these, which forbid storing it at all
                .expectHeader().doesNotExist("Pragma")
                .expectHeader().doesNotExist("Expires")
                .returnResult().getResponseHeaders().getETag();

        http.get().uri("/books/{id}", book).header("If-None-Match", etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals("Cache-Control", "no-cache");
        http.get().uri("/books").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-cache");
    }

    @Test
    void writesSayNothingAboutCaching() {
        http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"n\"}").exchange()
                .expectStatus().isCreated()
                .expectHeader().doesNotExist("Cache-Control")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void errorsAreNeverStored() {
        // from ApiExceptionHandler
        http.get().uri("/books/9").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("Cache-Control", "no-store");
        http.delete().uri("/books").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Cache-Control", "no-store");
        // from a filter's sendError, rendered by the error dispatch
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("x".repeat(1024 * 1024 + 1)).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        // from the health endpoint's bare 404, made a problem by ActuatorProblemFilter
        http.get().uri("/actuator/health/nope").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("Cache-Control", "no-store");
    }

    /**
     * An answer goes out whole, with its Content-Length: a chunked one takes two writes to the
     * socket (the body, then the last chunk) where one does, on successes and problems alike.
     */
    @Test
    void answersCarryTheirLengthInsteadOfChunks() throws Exception {
        long book = createBook("t", "d");
        List<HttpRequest> requests = List.of(
                request("/books/" + book).GET().build(),
                request("/books/" + (book + 1000)).GET().build(),
                request("/books?limit=5").GET().build(),
                request("/authors").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"n\"}")).build());
        for (HttpRequest request : requests) {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.body()).as(request.uri().toString()).isNotEmpty();
            assertThat(response.headers().firstValue("Transfer-Encoding")).as(request.uri().toString()).isEmpty();
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        }
    }

    /** Spring Security's firewall refuses these before its own header writer runs. */
    @ParameterizedTest
    @ValueSource(strings = { "/books/%25", "/books//1", "/books/%2e%2e/authors", "/books;jsessionid=1" })
    void aUrlTheFirewallRefusesIsA400ProblemWithTheSameHeaders(String path) throws Exception {
        HttpResponse<String> response = send(request(path).GET());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.body()).contains("\"message\":\"Request rejected: the URL or a header holds a character");
    }

    /** The firewall lets every method through, so an unknown one is still a 405 with Allow. */
    @Test
    void anUnknownMethodIsStill405WithAllow() throws Exception {
        HttpResponse<String> response = send(request("/books")
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
