package com.hellobooks.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of hostile requests against every endpoint: malformed and truncated JSON,
 * wrong types, huge numbers, deep nesting, duplicate keys, BOMs, control characters, long
 * strings, wrong or missing content types, odd methods and odd ids. None may give a 5xx, and
 * every error must be a problem that gives nothing of the server's insides away.
 */
class HostileInputTest extends ApiTest {

    private static final String VALID_BOOK = "{\"title\": \"Ocean Book\", \"description\": \"watr 4evr\", \"author_id\": 1}";
    private static final List<String> LEAKS = List.of("Exception", "exception", "at com.", "at org.", "org.hibernate",
            "org.springframework", "tools.jackson", "SQL", "select ", "insert into", "PSQL", "java.");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    @Test
    void noHostileRequestGetsA5xxOrLeaksInternals() throws Exception {
        long author = createAuthor("Target Author");
        long genre = createGenre("Target Genre");
        long book = createBook("Target", "book", author);

        List<String[]> bodyTargets = List.of(
                new String[] { "POST", "/books", "application/json" },
                new String[] { "PUT", "/books/" + book, "application/json" },
                new String[] { "PATCH", "/books/" + book, "application/merge-patch+json" },
                new String[] { "POST", "/authors", "application/json" },
                new String[] { "PUT", "/authors/" + author, "application/json" },
                new String[] { "PATCH", "/genres/" + genre, "application/merge-patch+json" },
                new String[] { "POST", "/authors/" + author + "/books", "application/json" },
                new String[] { "POST", "/genres/" + genre + "/books", "application/json" });

        for (String body : hostileBodies()) {
            for (String[] target : bodyTargets) {
                send(target[0], target[1], target[2], body);
            }
        }
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nonsense",
                "application/merge-patch+json", "*/*", "application", ";;;")) {
            for (String[] target : bodyTargets) {
                send(target[0], target[1], contentType, VALID_BOOK);
            }
        }
        for (String[] target : bodyTargets) {
            send(target[0], target[1], null, VALID_BOOK);
        }
        for (String id : hostileIds()) {
            for (String path : List.of("/books/" + id, "/authors/" + id, "/genres/" + id, "/authors/" + id + "/books",
                    "/genres/" + id + "/books", "/genres/" + genre + "/books/" + id)) {
                send("GET", path, null, null);
                send("DELETE", path, null, null);
                send("PUT", path, "application/json", VALID_BOOK);
            }
        }
        for (String query : hostileQueries(author)) {
            for (String list : List.of("/books", "/authors", "/genres", "/authors/" + author + "/books", "/genres/" + genre + "/books")) {
                send("GET", list + "?" + query, null, null);
            }
        }
        for (String method : List.of("FOO", "OPTIONS", "TRACE", "PROPFIND", "HEAD", "M-SEARCH")) {
            for (String path : List.of("/books", "/books/" + book, "/authors/" + author + "/books", "/nope")) {
                send(method, path, null, null);
            }
        }
        for (String header : List.of("If-Match", "If-None-Match", "Prefer", "X-Request-Id", "Accept")) {
            for (String value : List.of("\"", "W/", "*, \"1\"", "\u00e9\u00e8", "x".repeat(4000), ",,,", "application/xml")) {
                send("PUT", "/books/" + book, "application/json", VALID_BOOK, header, value);
                send("GET", "/books/" + book, null, null, header, value);
            }
        }

        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(1000);
        assertThat(failures).as("requests answered with a 5xx or a leaky error, of " + sent).isEmpty();
        // and the service still answers normally afterwards
        http.get().uri("/books").exchange().expectStatus().isOk();
    }

    @Test
    void textThatLooksLikeSqlOrHtmlIsStoredAndReturnedAsSent() {
        for (String text : List.of("'; DROP TABLE book; --", "<img src=x onerror=alert(1)>", "${jndi:ldap://x}", "%s%n%x",
                "\\\\u0000 escaped", "\ud83d\udcda\u202e\u0301", "Robert'); DELETE FROM author;--", "{{7*7}}")) {
            long author = created("/authors", json(Map.of("name", text))).get("id").asLong();
            long genre = created("/genres", json(Map.of("name", text))).get("id").asLong();
            http.get().uri("/authors/{id}", author).exchange().expectBody().jsonPath("$.name").isEqualTo(text);
            http.get().uri("/genres/{id}", genre).exchange().expectBody().jsonPath("$.name").isEqualTo(text);
            http.get().uri("/authors?name={n}", text).exchange().expectBody().jsonPath("$[0].name").isEqualTo(text);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM author", Long.class)).isEqualTo(8L);
    }

    private static List<String> hostileBodies() {
        List<String> bodies = new ArrayList<>();
        for (int cut = 0; cut < VALID_BOOK.length(); cut += 2) {
            bodies.add(VALID_BOOK.substring(0, cut));
        }
        List<String> values = List.of("null", "true", "0", "-1", "1.5", "1e308", "-1e308", "99999999999999999999999",
                "9223372036854775808", "\"\"", "\" \"", "[]", "{}", "[\"a\"]", "{\"a\":1}", "\"\\u0000\"", "\"\\ud800\"",
                "\"" + "x".repeat(10_001) + "\"", "NaN", "Infinity", "0x10", "'single'", "\"\\x41\"");
        for (String field : List.of("title", "description", "author_id", "name")) {
            for (String value : values) {
                bodies.add("{\"title\": \"t\", \"description\": \"d\", \"name\": \"n\", \"" + field + "\": " + value + "}");
            }
        }
        bodies.add("[".repeat(5000) + "]".repeat(5000));
        bodies.add("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        bodies.add("{\"title\": \"t\", \"description\": \"d\", \"nested\": " + "{\"a\":".repeat(900) + "1" + "}".repeat(900) + "}");
        bodies.add("{\"title\": \"a\", \"title\": \"b\", \"description\": \"d\"}");
        bodies.add("\ufeff" + VALID_BOOK);
        bodies.add("\ufeff\ufeff" + VALID_BOOK);
        bodies.add("{\"title\": \"a\u0001\u0002\u001f\", \"description\": \"d\"}");
        bodies.add("{\"title\": \"tab\there\", \"description\": \"new\nline\"}");
        bodies.add("{\"title\" \"t\"}");
        bodies.add("{title: \"t\", description: \"d\"}");
        bodies.add("{\"title\": \"t\", \"description\": \"d\",}");
        bodies.add("/* comment */ " + VALID_BOOK);
        bodies.add(VALID_BOOK + VALID_BOOK);
        bodies.add("\u0000");
        bodies.add("\"just a string\"");
        bodies.add("12345");
        bodies.add("null");
        bodies.add("{\"title\": \"" + "\u00e9".repeat(300) + "\", \"description\": \"d\"}");
        bodies.add("{\"title\": \"" + "\\u00e9".repeat(300) + "\", \"description\": \"d\"}");
        bodies.add("{\"title\": \"t\", \"description\": \"" + "d".repeat(1024 * 1024) + "\"}");
        return bodies;
    }

    private static List<String> hostileIds() {
        return List.of("1e3", "0x10", "%00", "9223372036854775808", "9223372036854775807", "-0", "+1", "%201", "1.0", "\u0663",
                "1%2F2", "..", "%2e%2e", "0", "00001", "1;x=y", "%E2%80%AE", "x".repeat(3000), "null", "true", "%7B%7D", "1%0A2");
    }

    private static List<String> hostileQueries(long author) {
        return List.of("limit=0", "limit=-1", "limit=1001", "limit=1e3", "limit=99999999999999999999", "limit=", "limit=%00",
                "sort=", "sort=-", "sort=--title", "sort=title,id", "sort=%00", "sort=author.name", "sort=id;drop",
                "cursor=", "cursor=%00", "cursor=eyJ9", "cursor=" + "A".repeat(5000), "cursor=e30", "cursor=bnVsbA",
                "cursor=eyJzb3J0IjoiaWQ6IEFTQyIsImFmdGVyIjp7ImlkIjoiMSJ9fQ", "cursor=eyJzb3J0IjoiaWQ6IEFTQyIsImFmdGVyIjp7fX0",
                "author_id=abc", "author_id=-1", "author_id=" + author + "&author_id=2", "title=%25", "title=%5C", "title=_",
                "title=%00", "name=%27%20OR%201%3D1", "title=" + "x".repeat(5000), "limit=1&limit=2", "sort=title&sort=-id");
    }

    private void send(String method, String path, String contentType, String body, String... header) throws Exception {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path));
        } catch (IllegalArgumentException notAUri) {
            return; // the client cannot even send it
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            if (header.length == 2) {
                request.header(header[0], header[1]);
            }
        } catch (IllegalArgumentException headerTheClientRefuses) {
            return;
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        sent++;
        String what = method + " " + path.substring(0, Math.min(path.length(), 80)) + " [" + contentType + "] "
                + (body == null ? "" : body.substring(0, Math.min(body.length(), 80))) + " -> " + response.statusCode();
        if (response.statusCode() >= 500) {
            failures.add(what + " " + response.body());
            return;
        }
        if (response.statusCode() >= 400 && !method.equals("HEAD")) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                failures.add(what + " with Content-Type " + type);
            }
            for (String leak : LEAKS) {
                if (response.body().contains(leak)) {
                    failures.add(what + " leaks '" + leak + "': " + response.body());
                }
            }
        }
    }
}
