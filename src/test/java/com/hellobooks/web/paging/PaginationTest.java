package com.hellobooks.web.paging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hellobooks.support.ApiTest;
import com.hellobooks.support.SqlRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyset pagination on every list: plain arrays, Link rel="next", limits, sorts and cursors. */
class PaginationTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private void insertBooks(int count, String titlePrefix) {
        jdbc.update("INSERT INTO book (title, description) SELECT ? || lpad(g::text, 6, '0'), '' FROM generate_series(1, ?) g",
                titlePrefix, count);
    }

    @Test
    void aListIsAPlainArrayOfAtMost100WithALinkToTheNextPage() {
        insertBooks(250, "Book ");

        Page first = get("/books");
        assertThat(first.items()).hasSize(100);
        assertThat(first.next()).isNotNull();
        Page second = get(first.next());
        assertThat(second.items()).hasSize(100);
        Page last = get(second.next());
        assertThat(last.items()).hasSize(50);
        assertThat(last.next()).as("no Link once the rows run out").isNull();

        List<Long> ids = new ArrayList<>();
        for (Page page : List.of(first, second, last)) {
            page.items().forEach(book -> ids.add(book.get("id").asLong()));
        }
        assertThat(ids).hasSize(250).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void anExactlyFullLastPageHasNoNextLinkOrAnEmptyPageAfterIt() {
        insertBooks(4, "Book ");

        Page page = get("/books?limit=2");
        Page last = get(page.next());
        assertThat(last.items()).hasSize(2);
        if (last.next() != null) {
            assertThat(get(last.next()).items()).isEmpty();
        }
    }

    @Test
    void limitIsBetween1And1000() {
        insertBooks(1001, "Book ");

        assertThat(get("/books?limit=1000").items()).hasSize(1000);
        assertThat(get("/books?limit=1").items()).hasSize(1);
        for (String bad : List.of("1001", "0", "-5", "ten", "1.5")) {
            http.get().uri("/books?limit=" + bad).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.message").isEqualTo("Invalid request: limit must be an integer from 1 to 1000")
                    .jsonPath("$.errors[0].field").isEqualTo("limit");
        }
    }

    @Test
    void filtersLimitAndSortCarryIntoTheNextLink() {
        insertBooks(30, "Ocean ");
        insertBooks(30, "Desert ");

        Page first = get("/books?title=ocean&limit=10&sort=-title");
        assertThat(first.next()).contains("title=ocean").contains("limit=10").contains("sort=-title").contains("cursor=");
        List<String> titles = new ArrayList<>();
        for (Page page = first; ; page = get(page.next())) {
            page.items().forEach(book -> titles.add(book.get("title").asText()));
            if (page.next() == null) {
                break;
            }
        }
        assertThat(titles).hasSize(30).allMatch(title -> title.startsWith("Ocean ")).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void sortByTitleBreaksTiesById() {
        jdbc.update("INSERT INTO book (title, description) SELECT CASE WHEN g % 2 = 0 THEN 'B' ELSE 'A' END, '' FROM generate_series(1, 10) g");

        List<JsonNode> books = walk("/books?sort=title&limit=3");

        assertThat(books).extracting(book -> book.get("title").asText()).containsExactly("A", "A", "A", "A", "A", "B", "B", "B", "B", "B");
        assertThat(books.subList(0, 5)).extracting(book -> book.get("id").asLong()).isSorted();
        assertThat(books.subList(5, 10)).extracting(book -> book.get("id").asLong()).isSorted();
        // descending: exactly the ascending order reversed, ties included
        List<JsonNode> descending = walk("/books?sort=-title&limit=3");
        assertThat(descending).extracting(book -> book.get("title").asText())
                .containsExactly("B", "B", "B", "B", "B", "A", "A", "A", "A", "A");
        List<Long> ascendingIds = new ArrayList<>(books.stream().map(book -> book.get("id").asLong()).toList());
        java.util.Collections.reverse(ascendingIds);
        assertThat(descending).extracting(book -> book.get("id").asLong()).containsExactlyElementsOf(ascendingIds);
        assertThat(walk("/books?sort=-id&limit=4")).extracting(book -> book.get("id").asLong())
                .isSortedAccordingTo(Comparator.reverseOrder()).hasSize(10);
    }

    @Test
    void anUnknownSortFieldIs400NamingTheAllowedOnes() {
        http.get().uri("/books?sort=author").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: sort must be one of id, -id, title, -title");
        http.get().uri("/authors?sort=title").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Invalid request: sort must be one of id, -id, name, -name");
        http.get().uri("/genres?sort=-name").exchange().expectStatus().isOk();
    }

    @Test
    void aForgedOrForeignCursorIs400() {
        insertBooks(5, "Book ");
        String next = get("/books?limit=2&sort=title").next();
        String cursor = next.substring(next.indexOf("cursor=") + "cursor=".length());

        http.get().uri("/books?sort=-title&cursor=" + cursor).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
        for (String forged : List.of("abc", "%%%", "eyJzb3J0IjoiaWQ6IEFTQyJ9", Cursors.encode(Sort.by("id"), Map.of("id", "x")))) {
            http.get().uri("/books?cursor={c}", forged).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).startsWith("Invalid request: cursor"));
        }
    }

    @Test
    void everyListPaginates() {
        long author = createAuthor("Prolific");
        long genre = createGenre("Everything");
        for (int n = 0; n < 3; n++) {
            long book = createBook("Book " + n, "d", author);
            http.put().uri("/genres/{g}/books/{b}", genre, book).exchange().expectStatus().isNoContent();
            createAuthor("Author " + n);
            createGenre("Genre " + n);
        }

        for (String path : List.of("/books", "/authors", "/genres", "/authors/" + author + "/books", "/genres/" + genre + "/books")) {
            List<JsonNode> all = walk(path + "?limit=2");
            assertThat(all).as(path).hasSizeGreaterThanOrEqualTo(3);
            assertThat(all).extracting(node -> node.get("id").asLong()).as(path).doesNotHaveDuplicates().isSorted();
        }
    }

    /** 2,500 rows walked 100 at a time while another client keeps inserting: each row once, in order. */
    @Test
    void walkingAllPagesVisitsEveryRowOnceInOrderWhileRowsAreInserted() {
        insertBooks(2500, "Book ");
        Set<Long> original = new HashSet<>(jdbc.queryForList("SELECT id FROM book", Long.class));
        AtomicBoolean walking = new AtomicBoolean(true);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int inserted = 0;
            while (walking.get() && inserted < 2000) {
                // titles that sort both before and after any cursor
                jdbc.update("INSERT INTO book (title, description) VALUES (?, '')", (inserted % 2 == 0 ? "AAA " : "zzz ") + inserted);
                inserted++;
            }
            return inserted;
        });

        List<JsonNode> byId;
        List<JsonNode> byTitle;
        try {
            byId = walk("/books?limit=100");
            byTitle = walk("/books?limit=100&sort=-title");
        } finally {
            walking.set(false);
        }
        assertThat(writer.join()).as("rows inserted during the walks").isPositive();

        for (List<JsonNode> walk : List.of(byId, byTitle)) {
            List<Long> ids = walk.stream().map(book -> book.get("id").asLong()).toList();
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(ids.stream().filter(original::contains).count()).isEqualTo(2500);
        }
        assertThat(byId).extracting(book -> book.get("id").asLong()).isSorted();
        assertThat(byTitle).isSortedAccordingTo(Comparator.<JsonNode, String>comparing(book -> book.get("title").asText())
                .thenComparing(book -> book.get("id").asLong()).reversed());
    }

    /**
     * A page deep in a large table starts from the cursor in an index, for every sort order,
     * both as a generic plan (what a prepared statement may be given) and with the page's real
     * parameters. The cursors sit near the end of their order, where PostgreSQL knows few rows
     * follow: with Spring Data's {@code title > ? OR (title = ? AND id > ?)} it read them all
     * through a bitmap and sorted them; the row comparison walks the index and stops after a page.
     */
    @Test
    void aDeepPageStartsFromTheCursorInAnIndexWhateverThePlan() {
        insertBooks(50_000, "Book ");
        jdbc.execute("ANALYZE book");
        Sort byTitle = Sort.by("title").and(Sort.by("id"));
        Sort byTitleDescending = Sort.by(Sort.Direction.DESC, "title").and(Sort.by(Sort.Direction.DESC, "id"));
        Map<String, String> indexByPage = Map.of(
                "/books?limit=100&cursor=" + Cursors.encode(Sort.by("id"), Map.of("id", 49_800L)), "book_pkey",
                "/books?limit=100&sort=title&cursor=" + Cursors.encode(byTitle, Map.of("title", "Book 049800", "id", 49_800L)), "book_title_id_idx",
                "/books?limit=100&sort=-title&cursor=" + Cursors.encode(byTitleDescending, Map.of("title", "Book 000200", "id", 200L)), "book_title_id_idx");

        indexByPage.forEach((uri, index) -> {
            SqlRecorder.Statement page = pageStatement(uri);
            assertWalksIndexFromCursor(genericPlan(page), index);
            assertWalksIndexFromCursor(jdbc.queryForObject("EXPLAIN (FORMAT JSON) " + page.sql(), String.class, page.parameters().toArray()), index);
        });
    }

    /**
     * The plan reads the book table only through {@code index}, starting at the cursor (an
     * index condition, not a filter), and never sorts books: the index gives their order. (A
     * book's own genres are aggregated in id order, which may sort those few rows.)
     */
    private static void assertWalksIndexFromCursor(String planJson, String index) {
        List<JsonNode> nodes = new ArrayList<>();
        collectPlanNodes(JSON.readTree(planJson).get(0).get("Plan"), nodes);
        List<JsonNode> bookScans = nodes.stream()
                .filter(node -> node.has("Relation Name") && node.get("Relation Name").asText().equals("book")).toList();
        assertThat(bookScans).as(planJson).hasSize(1);
        assertThat(bookScans.get(0).get("Node Type").asText()).as(planJson).isEqualTo("Index Scan");
        assertThat(bookScans.get(0).get("Index Name").asText()).as(planJson).isEqualTo(index);
        assertThat(bookScans.get(0).has("Index Cond")).as(planJson).isTrue();
        assertThat(nodes).as(planJson).noneMatch(node -> node.get("Node Type").asText().endsWith("Sort")
                && node.get("Sort Key").toString().contains("b."));
    }

    private static void collectPlanNodes(JsonNode node, List<JsonNode> into) {
        into.add(node);
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collectPlanNodes(child, into));
        }
    }

    /** The statement that selected the page's books, as the app sent it, with its parameters. */
    private SqlRecorder.Statement pageStatement(String uri) {
        SqlRecorder.clear();
        assertThat(get(uri).items()).hasSize(100);
        return SqlRecorder.recorded().stream()
                .filter(statement -> statement.sql().toLowerCase(java.util.Locale.ROOT).contains("from book "))
                .findFirst().orElseThrow();
    }

    /**
     * EXPLAINs a statement as the generic plan a prepared statement may be given, the plan
     * chosen without its parameters' values: prepared with the types the driver sends and
     * planned with plan_cache_mode forcing the generic plan (EXPLAIN's GENERIC_PLAN option
     * would do it only from PostgreSQL 16).
     */
    private String genericPlan(SqlRecorder.Statement page) {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : page.sql().toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        List<String> types = page.parameters().stream().map(value -> value instanceof String ? "varchar" : "bigint").toList();
        List<String> values = page.parameters().stream()
                .map(value -> value instanceof String text ? "'" + text.replace("'", "''") + "'" : value.toString()).toList();
        return jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan");
                statement.execute("PREPARE deep_page (" + String.join(", ", types) + ") AS " + numbered);
                try (java.sql.ResultSet plan = statement.executeQuery(
                        "EXPLAIN (FORMAT JSON) EXECUTE deep_page (" + String.join(", ", values) + ")")) {
                    plan.next();
                    return plan.getString(1);
                } finally {
                    statement.execute("DEALLOCATE deep_page");
                    statement.execute("RESET plan_cache_mode");
                }
            }
        });
    }

    private List<JsonNode> walk(String uri) {
        List<JsonNode> all = new ArrayList<>();
        for (String next = uri; next != null; ) {
            Page page = get(next);
            all.addAll(page.items());
            next = page.next();
        }
        return all;
    }

    private Page get(String uri) {
        EntityExchangeResult<byte[]> result = http.get().uri(java.net.URI.create(uri.startsWith("http") ? uri : "http://localhost:" + port() + uri))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(result.getResponseBody()).forEach(items::add);
        String link = result.getResponseHeaders().getFirst("Link");
        String next = null;
        if (link != null) {
            Matcher matcher = NEXT.matcher(link);
            assertThat(matcher.find()).as("Link header " + link).isTrue();
            next = matcher.group(1);
        }
        return new Page(items, next);
    }

    private record Page(List<JsonNode> items, String next) {
    }
}
