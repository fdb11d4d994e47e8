package com.hellobooks.idempotency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** POST with an Idempotency-Key: one write per key, whatever the client sends again. */
@ExtendWith(OutputCaptureExtension.class)
class IdempotencyKeyTest extends ApiTest {

    private static final String BOOK = "{\"title\": \"Ocean Book\", \"description\": \"watr 4evr\"}";

    @Autowired
    private ExpiredKeyPurge purge;

    private EntityExchangeResult<byte[]> post(String path, String key, String body) {
        var request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(body).exchange().expectBody().returnResult();
    }

    /** A POST route from its template, with the author or genre its path names created first, and a body it takes. */
    private record Route(String path, String body) {

        static Route of(String template, IdempotencyKeyTest test) {
            long parent = template.startsWith("/authors/") ? test.createAuthor("A") : template.startsWith("/genres/") ? test.createGenre("G") : 0;
            String body = template.equals("/authors") || template.equals("/genres") ? "{\"name\": \"Fantasy\"}" : BOOK;
            return new Route(template.replace("{parent}", Long.toString(parent)), body);
        }
    }

    private int books() {
        return jdbc.queryForObject("SELECT count(*) FROM book", Integer.class);
    }

    @Test
    void withoutAKeyEveryPostWritesAsInTheOriginal() {
        assertThat(post("/books", null, BOOK).getStatus().value()).isEqualTo(201);
        EntityExchangeResult<byte[]> second = post("/books", null, BOOK);

        assertThat(second.getStatus().value()).isEqualTo(201);
        assertThat(second.getResponseHeaders().get(StoredResponse.REPLAYED)).isNull();
        assertThat(books()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key", Integer.class)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/books", "/authors", "/genres", "/authors/{parent}/books", "/genres/{parent}/books" })
    void theSameKeyAndRequestReplayTheFirstAnswerByteForByteWithoutASecondWrite(String template) {
        Route route = Route.of(template, this);
        String path = route.path();
        String body = route.body();
        String table = template.equals("/authors") ? "author" : template.equals("/genres") ? "genre" : "book";
        int before = jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);

        EntityExchangeResult<byte[]> first = post(path, "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", body);
        EntityExchangeResult<byte[]> replay = post(path, "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", body);

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(first.getResponseHeaders().get(StoredResponse.REPLAYED)).isNull();
        assertThat(replay.getStatus().value()).isEqualTo(201);
        assertThat(replay.getResponseBody()).isEqualTo(first.getResponseBody());
        for (String header : List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH)) {
            assertThat(replay.getResponseHeaders().get(header)).as(header).isNotNull().isEqualTo(first.getResponseHeaders().get(header));
        }
        assertThat(replay.getResponseHeaders().getFirst(StoredResponse.REPLAYED)).isEqualTo("true");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class)).isEqualTo(before + 1);
    }

    @Test
    void aReplayIsTheFirstAnswerEvenAfterTheBookChanged() {
        long author = createAuthor("Ursula");
        String body = "{\"title\": \"Earthsea\", \"description\": \"wizards\", \"author_id\": " + author + "}";
        EntityExchangeResult<byte[]> first = post("/books", "earthsea-1", body);
        http.delete().uri("/authors/{id}", author).exchange().expectStatus().isNoContent();

        // now the same body names an author that is gone (a 422 if it were run again), yet the answer stands
        EntityExchangeResult<byte[]> replay = post("/books", "earthsea-1", body);

        assertThat(replay.getStatus().value()).isEqualTo(201);
        assertThat(replay.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(books()).isEqualTo(1);
    }

    @Test
    void aQuotedKeyAndTheSameKeyBareAreOneKey() {
        post("/books", "\"abc-123\"", BOOK);
        EntityExchangeResult<byte[]> bare = post("/books", "abc-123", BOOK);

        assertThat(bare.getResponseHeaders().getFirst(StoredResponse.REPLAYED)).isEqualTo("true");
        assertThat(books()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathIs422AndWritesNothing() {
        post("/books", "k1", BOOK);

        EntityExchangeResult<byte[]> otherBody = post("/books", "k1", "{\"title\": \"Other\", \"description\": \"d\"}");
        EntityExchangeResult<byte[]> otherPath = post("/authors", "k1", "{\"name\": \"Someone\"}");

        for (EntityExchangeResult<byte[]> refused : List.of(otherBody, otherPath)) {
            assertThat(refused.getStatus().value()).isEqualTo(422);
            assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getResponseHeaders().getLocation()).isNull();
            assertThat(refused.getResponseHeaders().getETag()).isNull();
            assertThat(new String(refused.getResponseBody())).contains("\"message\":\"This Idempotency-Key was already used for another request");
        }
        assertThat(books()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM author", Integer.class)).isZero();
    }

    @Test
    void aRefusedRequestStoresNothingSoItCanBeCorrectedUnderTheSameKey() {
        EntityExchangeResult<byte[]> refused = post("/books", "retry-me", "{\"description\": \"no title\"}");
        assertThat(refused.getStatus().value()).isEqualTo(400);
        assertThat(new String(refused.getResponseBody())).contains("Invalid request: missing title");
        assertThat(post("/books", "retry-me", "{\"title\": \"t\", \"description\": \"d\", \"author_id\": 999}").getStatus().value())
                .isEqualTo(422);

        EntityExchangeResult<byte[]> corrected = post("/books", "retry-me", BOOK);

        assertThat(corrected.getStatus().value()).isEqualTo(201);
        assertThat(corrected.getResponseHeaders().get(StoredResponse.REPLAYED)).isNull();
        assertThat(post("/books", "retry-me", BOOK).getResponseHeaders().getFirst(StoredResponse.REPLAYED)).isEqualTo("true");
        assertThat(books()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "\"\"", "\"unterminated", "\"a\" trailing", "two words", "a,b", "\"tab\tinside\"", "\"bad \\escape\"" })
    void aMalformedKeyIs400AndWritesNothing(String key) {
        EntityExchangeResult<byte[]> refused = post("/books", key, BOOK);

        assertThat(refused.getStatus().value()).isEqualTo(400);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(refused.getResponseBody())).contains("\"message\":\"Invalid Idempotency-Key: ");
        assertThat(books()).isZero();
    }

    @Test
    void aKeyMayHave255CharactersButNot256() {
        assertThat(post("/books", "k".repeat(255), BOOK).getStatus().value()).isEqualTo(201);
        assertThat(post("/books", "k".repeat(256), BOOK).getStatus().value()).isEqualTo(400);
        assertThat(post("/books", "\"" + "k".repeat(256) + "\"", BOOK).getStatus().value()).isEqualTo(400);
        assertThat(books()).isEqualTo(1);
    }

    @Test
    void twoKeyHeadersAre400() {
        int status = http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "a").header("Idempotency-Key", "b").body(BOOK)
                .exchange().returnResult().getStatus().value();

        assertThat(status).isEqualTo(400);
        assertThat(books()).isZero();
    }

    @Test
    void twentyConcurrentDuplicatesWriteOneBookAndAllGetItsAnswer() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/books"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "same-for-all")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(BOOK)).build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    // 20 at once on a pool of 16 connections: one that waited out the pool gets a
                    // 503 with Retry-After and, as a client should, sends the request again
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    for (int attempt = 0; attempt < 10 && response.statusCode() == 503; attempt++) {
                        response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    }
                    return response;
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                responses.add(answer.get());
            }

            assertThat(books()).isEqualTo(1);
            assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
            assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
            assertThat(responses.stream().filter(response -> response.headers().firstValue(StoredResponse.REPLAYED).isPresent()))
                    .hasSize(19);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The write and its stored answer are one transaction on every route: when the answer
     * cannot be stored, the book, author, genre or genre link goes too. A write that ran in a
     * transaction of its own (a JPA one beside the keyed POST's JDBC one) would stay.
     */
    @ParameterizedTest
    @ValueSource(strings = { "/books", "/authors", "/genres", "/authors/{parent}/books", "/genres/{parent}/books" })
    void anAnswerThatCannotBeStoredTakesItsWriteWithIt(String template) {
        Route route = Route.of(template, this);
        String rows = "SELECT (SELECT count(*) FROM book) + (SELECT count(*) FROM author) + (SELECT count(*) FROM genre) + (SELECT count(*) FROM book_genre)";
        long before = jdbc.queryForObject(rows, Long.class);
        jdbc.execute("""
                CREATE FUNCTION refuse_answer() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'no room for the answer';
                END $$""");
        jdbc.execute("CREATE TRIGGER refuse_answer BEFORE INSERT ON idempotency_key FOR EACH ROW EXECUTE FUNCTION refuse_answer()");
        try {
            EntityExchangeResult<byte[]> answer = post(route.path(), "unstorable", route.body());

            assertThat(answer.getStatus().value()).isEqualTo(500);
            assertThat(answer.getResponseHeaders().getLocation()).isNull();
        } finally {
            jdbc.execute("DROP TRIGGER refuse_answer ON idempotency_key");
            jdbc.execute("DROP FUNCTION refuse_answer()");
        }
        assertThat(jdbc.queryForObject(rows, Long.class)).isEqualTo(before);
        assertThat(post(route.path(), "unstorable", route.body()).getStatus().value()).as("the key is still free").isEqualTo(201);
    }

    @Test
    void aCommitThatBreaksRunsAgainInTheRequestAndWritesOnce() {
        // the first commit of this title fails the way a lost connection does (the sequence is not rolled back)
        jdbc.execute("CREATE SEQUENCE commits_seen");
        breakCommitsOf("'commit breaks once' AND nextval('commits_seen') = 1");
        try {
            EntityExchangeResult<byte[]> answer = post("/books", "at-commit", "{\"title\": \"commit breaks once\", \"description\": \"d\"}");

            assertThat(answer.getStatus().value()).isEqualTo(201);
            assertThat(answer.getResponseHeaders().get(StoredResponse.REPLAYED)).isNull();
            assertThat(jdbc.queryForObject("SELECT last_value FROM commits_seen", Long.class)).isEqualTo(2);
        } finally {
            unbreakCommits();
            jdbc.execute("DROP SEQUENCE commits_seen");
        }
        assertThat(books()).isEqualTo(1);
    }

    @Test
    void aCommitThatKeepsBreakingIsA503ThatTheSameKeyCanRetry(CapturedOutput output) {
        breakCommitsOf("'commit breaks'");
        String body = "{\"title\": \"commit breaks\", \"description\": \"d\"}";
        try {
            // tried again until the retry budget is spent, then the outcome is the client's to settle
            EntityExchangeResult<byte[]> broken = post("/books", "at-commit", body);

            assertThat(broken.getStatus().value()).isEqualTo(503);
            assertThat(broken.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(broken.getResponseHeaders().getLocation()).isNull();
            assertThat(new String(broken.getResponseBody())).contains("send the request again with the same Idempotency-Key");
            // the answer, not each attempt, is what an operator is warned of
            assertThat(output.getOut()).containsOnlyOnce("Database unavailable through a keyed POST's retry budget");
        } finally {
            unbreakCommits();
        }
        assertThat(books()).isZero();

        EntityExchangeResult<byte[]> retried = post("/books", "at-commit", body);
        assertThat(retried.getStatus().value()).isEqualTo(201);
        assertThat(retried.getResponseHeaders().get(StoredResponse.REPLAYED)).isNull();
        assertThat(books()).isEqualTo(1);
    }

    /** A trigger run at COMMIT that fails the way a lost connection does (SQL state 08006) when the new title is {@code condition}. */
    private void breakCommitsOf(String condition) {
        jdbc.execute("""
                CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.title = %s THEN
                        RAISE EXCEPTION 'connection lost at commit' USING ERRCODE = '08006';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(condition));
        jdbc.execute("CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT ON book DEFERRABLE INITIALLY DEFERRED "
                + "FOR EACH ROW EXECUTE FUNCTION fail_at_commit()");
    }

    private void unbreakCommits() {
        jdbc.execute("DROP TRIGGER fail_at_commit ON book");
        jdbc.execute("DROP FUNCTION fail_at_commit()");
    }

    @Test
    void anExpiredKeyIsFreeAgainAndThePurgeRemovesIt() {
        post("/books", "old", BOOK);
        post("/books", "older", BOOK);
        post("/books", "fresh", BOOK);
        jdbc.update("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key IN ('old', 'older')");

        EntityExchangeResult<byte[]> again = post("/books", "old", BOOK);
        assertThat(again.getStatus().value()).isEqualTo(201);
        assertThat(again.getResponseHeaders().get(StoredResponse.REPLAYED)).isNull();
        assertThat(books()).isEqualTo(4);

        purge.purge();

        assertThat(jdbc.queryForList("SELECT key FROM idempotency_key ORDER BY key", String.class)).containsExactly("fresh", "old");
    }
}
