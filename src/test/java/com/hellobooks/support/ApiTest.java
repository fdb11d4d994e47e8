package com.hellobooks.support;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that talk HTTP to the running application on real PostgreSQL. Every
 * subclass shares one Spring context, so the suite starts one server and one database.
 * Each test starts from empty tables.
 *
 * <p>Subclasses with properties of their own get contexts of their own, which Spring keeps
 * open for the whole run, each with its pool. A pool keeps one connection while idle, not its
 * maximum, so the contexts together stay well inside a server's 100 connections (a
 * Testcontainers PostgreSQL's, a named server's); each can still open its maximum when a
 * test needs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000" })
@Import({ TestDatabase.class, SqlRecorder.class })
public abstract class ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected RestTestClient http;

    @BeforeEach
    void connectToEmptyDatabase() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        jdbc.execute("TRUNCATE book_genre, book, author, genre, idempotency_key RESTART IDENTITY CASCADE");
    }

    protected int port() {
        return port;
    }

    /** POSTs a JSON body (a raw string, sent as is) and expects 201; returns the created body. */
    protected JsonNode created(String path, String json) {
        byte[] body = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    protected long createAuthor(String name) {
        return created("/authors", json(Map.of("name", name))).get("id").asLong();
    }

    protected long createGenre(String name) {
        return created("/genres", json(Map.of("name", name))).get("id").asLong();
    }

    protected long createBook(String title, String description) {
        return created("/books", json(Map.of("title", title, "description", description))).get("id").asLong();
    }

    protected long createBook(String title, String description, long authorId) {
        return created("/books", json(Map.of("title", title, "description", description, "author_id", authorId))).get("id").asLong();
    }

    protected static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
