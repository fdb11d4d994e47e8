package com.hellobooks.web;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's "Errors" table, row by row, for books and authors. */
class ErrorContractTest extends ApiTest {

    private static final String BIG = "x".repeat(1024 * 1024 + 1);

    @Test
    void everyErrorIsAProblemWithMessageAndCorrelationId() {
        String requestId = http.get().uri("/books/3").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .json("""
                        {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Book 3 not found",
                         "instance": "/books/3", "message": "Book 3 not found"}""")
                .returnResult().getResponseHeaders().getFirst("X-Request-Id");

        assertThat(requestId).isNotBlank();
        http.get().uri("/books/3").header("X-Request-Id", "trace-123").exchange()
                .expectHeader().valueEquals("X-Request-Id", "trace-123")
                .expectBody().jsonPath("$.correlation_id").isEqualTo("trace-123");
    }

    @ParameterizedTest
    @CsvSource({
            "/books/cat, Book cat invalid",
            "/books/-1, Book -1 invalid",
            "/books/0, Book 0 invalid",
            "/books/1e3, Book 1e3 invalid",
            "/books/0x10, Book 0x10 invalid",
            "/books/99999999999999999999, Book 99999999999999999999 invalid",
            "/books/9223372036854775808, Book 9223372036854775808 invalid",
            "/authors/cat, Author cat invalid",
            "/authors/cat/books, Author cat invalid" })
    void aPathIdThatIsNotAPositiveIntegerIs400(String path, String message) {
        http.get().uri(URI.create(path)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo(message);
    }

    @Test
    void invalidIdsAre400OnEveryMethod() {
        http.put().uri("/books/cat").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\", \"description\": \"d\"}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Book cat invalid");
        http.delete().uri("/books/cat").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Book cat invalid");
        http.post().uri("/authors/cat/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\", \"description\": \"d\"}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Author cat invalid");
    }

    /** The contract's order on every route, not only the nested ones: the path, then the body. */
    @Test
    void aBadPathIdIsItsOwn400WhateverTheBodyHolds() {
        http.put().uri("/books/cat").contentType(MediaType.APPLICATION_JSON).body("{}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Book cat invalid");
        http.put().uri("/authors/0").contentType(MediaType.APPLICATION_JSON).body("not json")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Author 0 invalid");
        http.patch().uri("/genres/-1").contentType(MediaType.parseMediaType("application/merge-patch+json")).body("[]")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Genre -1 invalid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/books | {} | Invalid request: missing title",
            "/books | {\"description\": \"d\"} | Invalid request: missing title",
            "/books | {\"title\": null, \"description\": \"d\"} | Invalid request: missing title",
            "/books | {\"title\": \"t\"} | Invalid request: missing description",
            "/books | {\"title\": \"t\", \"description\": null} | Invalid request: missing description",
            "/books | {\"title\": \"   \"} | Invalid request: missing description",
            "/authors | {} | Invalid request: missing name",
            "/authors | {\"name\": null} | Invalid request: missing name" })
    void aMissingRequiredFieldIs400NamingTheFirstOne(String path, String body, String message) {
        http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo(message);
    }

    @Test
    void aMissingFieldOnPutOrTheNestedPostIsTheSame400() {
        long author = createAuthor("A");
        long book = createBook("t", "d");

        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).body("{\"description\": \"d\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing title");
        http.put().uri("/books/{id}", book).contentType(MediaType.APPLICATION_JSON).body("{\"title\": null, \"description\": \"d\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing title");
        http.post().uri("/authors/{id}/books", author).contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Invalid request: missing description");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/books | {\"title\": 5, \"description\": \"d\"} | title | must be a string",
            "/books | {\"title\": true, \"description\": \"d\"} | title | must be a string",
            "/books | {\"title\": 1.5, \"description\": \"d\"} | title | must be a string",
            "/books | {\"title\": [\"t\"], \"description\": \"d\"} | title | must be a string",
            "/books | {\"title\": {}, \"description\": \"d\"} | title | must be a string",
            "/books | {\"title\": \"t\", \"description\": 7} | description | must be a string",
            "/books | {\"title\": \"t\", \"description\": \"d\", \"author_id\": \"7\"} | author_id | must be an integer",
            "/books | {\"title\": \"t\", \"description\": \"d\", \"author_id\": 7.5} | author_id | must be an integer",
            "/books | {\"title\": \"t\", \"description\": \"d\", \"author_id\": true} | author_id | must be an integer",
            "/books | {\"title\": \"t\", \"description\": \"d\", \"author_id\": 99999999999999999999} | author_id | is out of range",
            "/authors | {\"name\": 42} | name | must be a string" })
    void aFieldOfTheWrongTypeIs400NamingTheField(String path, String body, String field, String problem) {
        http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Invalid request: " + field + " " + problem)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").isEqualTo(problem);
        assertThat(jdbc.queryForObject("SELECT (SELECT count(*) FROM book) + (SELECT count(*) FROM author)", Long.class)).isZero();
    }

    @Test
    void blankAndTooLongFieldsAreAllListed() {
        String body = json(java.util.Map.of("title", "t".repeat(256), "description", "d".repeat(10_001)));
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Invalid request: title must be at most 255 characters")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("title")
                .jsonPath("$.errors[1].field").isEqualTo("description")
                .jsonPath("$.errors[1].message").isEqualTo("must be at most 10000 characters");

        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \" \", \"description\": \"d\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: title must not be blank");
        http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: name must not be blank");
    }

    @Test
    void theLongestAllowedFieldsAreAccepted() {
        String body = json(java.util.Map.of("title", "t".repeat(255), "description", "d".repeat(10_000)));
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{", "{\"title\": \"t\"", "not json", "{\"title\": \"t\", \"description\": \"d\"} trailing",
            "[]", "[{\"title\": \"t\", \"description\": \"d\"}]", "\"a string\"", "42", "null",
            "{\"title\": \"a\", \"title\": \"b\", \"description\": \"d\"}" })
    void aBodyThatIsNotOneJsonObjectIs400(String body) {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).startsWith("Malformed request body"));
    }

    @Test
    void anEmptyBodyIs400() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Malformed request body: the body is empty");
    }

    @Test
    void aWrongContentTypeIs415() {
        http.post().uri("/books").contentType(MediaType.TEXT_PLAIN).body("{\"title\": \"t\", \"description\": \"d\"}").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.put().uri("/books/1").contentType(MediaType.APPLICATION_XML).body("<book/>").exchange()
                .expectStatus().isEqualTo(415);
        http.post().uri("/authors").contentType(MediaType.APPLICATION_FORM_URLENCODED).body("name=x").exchange()
                .expectStatus().isEqualTo(415);
    }

    @Test
    void aMethodThePathDoesNotAllowIs405WithAllow() {
        http.post().uri("/books/1").contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Allow", allow -> assertThat(allow).contains("GET", "PUT", "PATCH", "DELETE"));
        http.delete().uri("/books").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().value("Allow", allow -> assertThat(allow).contains("GET", "POST"));
        http.delete().uri("/authors/1/books").exchange().expectStatus().isEqualTo(405);
    }

    /** The contract's "Content negotiation": a success is application/json, whatever else the Accept lists. */
    @ParameterizedTest
    @ValueSource(strings = { "*/*", "application/*", "application/json", "application/json;q=0.5, application/yaml",
            "text/html, */*;q=0.1" })
    void aSuccessIsJsonForEveryAcceptThatAllowsJson(String accept) {
        long book = createBook("t", "d");
        http.get().uri("/books/{id}", book).header("Accept", accept).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
        http.get().uri("/authors").header("Accept", accept).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
        http.post().uri("/genres").contentType(MediaType.APPLICATION_JSON).header("Accept", accept).body("{\"name\": \"g\"}").exchange()
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
    }

    /** A 204 carries no body, so no Accept can make it a 406 (contract-test tools send problem+json there). */
    @ParameterizedTest
    @ValueSource(strings = { "application/problem+json", "application/xml" })
    void anAnswerWithoutABodyIgnoresAccept(String accept) {
        long book = createBook("t", "d");
        long genre = createGenre("g");
        http.put().uri("/genres/{g}/books/{b}", genre, book).header("Accept", accept).exchange().expectStatus().isNoContent();
        http.delete().uri("/genres/{g}/books/{b}", genre, book).header("Accept", accept).exchange().expectStatus().isNoContent();
        http.delete().uri("/books/{id}", book).header("Accept", accept).exchange().expectStatus().isNoContent();
        http.delete().uri("/genres/{id}", genre).header("Accept", accept).exchange().expectStatus().isNoContent();
        http.delete().uri("/authors/{id}", createAuthor("a")).header("Accept", accept).exchange().expectStatus().isNoContent();
    }

    /** YAML (a converter springdoc brings along), XML, or a JSON type that is not application/json: 406. */
    @ParameterizedTest
    @ValueSource(strings = { "application/yaml", "application/xml", "application/problem+json", "application/vnd.foo+json", "text/html" })
    void anAcceptThatAllowsNoJsonSuccessIsA406Problem(String accept) {
        long book = createBook("t", "d");
        for (var request : List.of(http.get().uri("/books/{id}", book), http.get().uri("/books"),
                http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"a\"}"))) {
            String requestId = request.header("Accept", accept).exchange()
                    .expectStatus().isEqualTo(406)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(406)
                    .returnResult().getResponseHeaders().getFirst("X-Request-Id");
            assertThat(requestId).isNotBlank();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM author", Long.class)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/nope", "/books/1/extra", "/authors/1/books/2/x", "/" })
    void anUnknownPathIsA404Problem(String path) {
        http.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String body = "{\"title\": \"t\", \"description\": \"" + BIG + "\"}";
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
    }

    @Test
    void anErrorRenderedByTheErrorPageKeepsTheRequestsCorrelationId() {
        var result = http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"t\", \"description\": \"" + BIG + "\"}")
                .exchange().expectStatus().isEqualTo(413).expectBody().returnResult();
        String header = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(new String(result.getResponseBody())).contains("\"correlation_id\":\"" + header + "\"");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] body = ("{\"title\": \"t\", \"description\": \"" + BIG + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/books"))
                .header("Content-Type", "application/json")
                // no length given: the client sends the body chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Long.class)).isZero();
    }

    @Test
    void aNulCharacterWhichPostgresCannotStoreIs400NotAServerError() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"a\\u0000b\", \"description\": \"d\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Invalid request: title must not contain the NUL character (U+0000)")
                .jsonPath("$.errors[0].field").isEqualTo("title");
        http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"\\u0000\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void anUnescapedControlCharacterIsMalformedJson() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": \"a\u0001b\", \"description\": \"d\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Malformed request body: not valid JSON");
    }

    /** Requests Tomcat turns away before Spring sees them still get a problem, not Tomcat's HTML page. */
    @ParameterizedTest
    @ValueSource(strings = { "/books/%00", "/books/%2F", "/books/%C0%AE", "/authors/1%00/books" })
    void aUrlTheServerCannotDecodeIsA400Problem(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).GET());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(response.body()).contains("\"status\":400").doesNotContain("<html", "Tomcat");
        // no filter sees these requests, so the valve sets the headers every response carries
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    /**
     * java.net.URI refuses a broken percent-escape, so these go out as raw bytes, the way curl
     * or a proxy passes them on. Tomcat decodes the query only when a parameter is asked for.
     */
    @ParameterizedTest
    @ValueSource(strings = { "/books?title=%zz", "/books?cursor=%%%x", "/authors?name=%zz", "/genres?name=%zz",
            "/books?limit=1&description=%e", "/authors/1/books?sort=%zz" })
    void aMalformedPercentEscapeInTheQueryIsA400Problem(String target) throws Exception {
        RawResponse response = rawGet(target);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).isNotBlank();
        assertThat(response.body())
                .contains("\"message\":\"Malformed query string: not valid percent-encoding\"")
                .contains("\"correlation_id\":\"" + requestId + "\"")
                .doesNotContain("%zz", "Tomcat", "Exception");
    }

    @Test
    void headersOverTheServersLimitAreA400Problem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/books"))
                .header("X-Padding", "p".repeat(20_000)).GET());
        assertThatItIsA400ProblemWithItsOwnId(response);
    }

    /** The request line counts against the same 8 KB limit; Tomcat refuses it before any filter runs. */
    @Test
    void aQueryStringOverTheServersLimitIsA400ProblemWithACorrelationId() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port() + "/books?title=" + "x".repeat(9_000))).GET());
        assertThatItIsA400ProblemWithItsOwnId(response);
    }

    private static void assertThatItIsA400ProblemWithItsOwnId(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        assertThat(requestId).as("X-Request-Id").isNotBlank();
        assertThat(response.body()).contains("\"status\":400", "\"message\":\"Bad Request\"", "\"correlation_id\":\"" + requestId + "\"");
    }

    /** A GET whose target is sent exactly as given, over HTTP/1.0 so the body is not chunked. */
    private RawResponse rawGet(String target) throws Exception {
        try (Socket socket = new Socket("localhost", port())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), headers, response.substring(end + 4));
        }
    }

    private record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void errorsCarryNoStackTraceOrInternals() {
        http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{\"title\": 5}").exchange()
                .expectBody().consumeWith(result -> assertThat(new String(result.getResponseBody()))
                        .doesNotContain("Exception", "tools.jackson", "com.hellobooks", "at ", "java."));
    }
}
