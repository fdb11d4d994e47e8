package com.hellobooks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.hellobooks.support.ApiTest;
import com.hellobooks.web.errors.FieldProblem;
import com.hellobooks.web.filters.CorrelationIdFilter;
import com.hellobooks.web.paging.ListRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the OpenAPI description promises for every operation, checked on the description the
 * running app serves and, where it can be, against what the API really answers. These hold for
 * endpoints added later too: a failure names the operation and what it lacks.
 */
class OpenApiDocumentationTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private JsonNode description;

    @BeforeEach
    void fetchDescription() {
        byte[] body = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        description = JSON.readTree(body);
    }

    @Test
    void itIsOpenApi31AndCoversEveryEndpoint() {
        assertThat(description.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(description.path("info").path("title").asString()).isEqualTo("Hello Books API");
        assertThat(description.path("paths").propertyNames()).containsExactlyInAnyOrder("/books", "/books/{id}",
                "/authors", "/authors/{id}", "/authors/{id}/books", "/genres", "/genres/{id}", "/genres/{id}/books",
                "/genres/{id}/books/{bookId}");
        assertThat(operations()).extracting(Operation::name).containsExactlyInAnyOrder(
                "GET /books", "POST /books", "GET /books/{id}", "PUT /books/{id}", "PATCH /books/{id}", "DELETE /books/{id}",
                "GET /authors", "POST /authors", "GET /authors/{id}", "PUT /authors/{id}", "PATCH /authors/{id}", "DELETE /authors/{id}",
                "GET /authors/{id}/books", "POST /authors/{id}/books",
                "GET /genres", "POST /genres", "GET /genres/{id}", "PUT /genres/{id}", "PATCH /genres/{id}", "DELETE /genres/{id}",
                "GET /genres/{id}/books", "POST /genres/{id}/books", "PUT /genres/{id}/books/{bookId}", "DELETE /genres/{id}/books/{bookId}");
    }

    @Test
    void everyOperationDocumentsTheErrorsEveryRequestCanMeet() {
        forEachOperation((operation, problems) -> {
            JsonNode responses = operation.node().path("responses");
            for (String status : List.of("400", "401", "405", "406", "500", "503")) {
                if (!isProblem(responses.path(status))) {
                    problems.add(operation + ": no " + status + " as application/problem+json");
                }
            }
            if (responses.path("503").path("headers").path("Retry-After").isMissingNode()) {
                problems.add(operation + ": 503 without Retry-After");
            }
            if (responses.path("405").path("headers").path("Allow").isMissingNode()) {
                problems.add(operation + ": 405 without Allow");
            }
            responses.properties().forEach(response -> {
                if (response.getValue().path("headers").path(CorrelationIdFilter.HEADER).isMissingNode()) {
                    problems.add(operation + ": " + response.getKey() + " without " + CorrelationIdFilter.HEADER);
                }
                if (response.getKey().matches("[45]..") && !isProblem(response.getValue())) {
                    problems.add(operation + ": " + response.getKey() + " is not application/problem+json");
                }
            });
        });
    }

    @Test
    void pathIdsArePositive64BitIntegersWith400And404() {
        forEachOperation((operation, problems) -> {
            for (JsonNode parameter : operation.node().path("parameters")) {
                boolean id = parameter.path("in").asString().equals("path") || parameter.path("name").asString().endsWith("_id");
                JsonNode schema = parameter.path("schema");
                if (id && !(schema.path("type").asString().equals("integer") && schema.path("format").asString().equals("int64")
                        && schema.path("minimum").asLong() == 1 && schema.path("maximum").asLong() == Long.MAX_VALUE)) {
                    problems.add(operation + ": id parameter " + parameter.path("name").asString() + " is " + schema);
                }
            }
            if (operation.path().contains("{")) {
                for (String status : List.of("400", "404")) {
                    if (!isProblem(operation.node().path("responses").path(status))) {
                        problems.add(operation + ": has a path id but no " + status);
                    }
                }
            }
        });
    }

    /** Postman and Swagger UI send the examples as they are: none may be a placeholder such as {@code <long>}. */
    @Test
    void everyParameterAndBodyFieldHasAnExample() {
        forEachOperation((operation, problems) -> {
            for (JsonNode parameter : operation.node().path("parameters")) {
                // in the schema: a Postman import with openapi2postmanv2's defaults reads it from there
                if (!parameter.path("schema").has("example")) {
                    problems.add(operation + ": parameter " + parameter.path("name").asString() + " has no example in its schema");
                }
            }
            operation.node().path("requestBody").path("content").properties().forEach(media -> {
                JsonNode schema = resolve(media.getValue().path("schema"));
                if (schema.path("properties").isEmpty()) {
                    problems.add(operation + ": " + media.getKey() + " body is not a typed object: " + media.getValue().path("schema"));
                }
                schema.path("properties").properties().forEach(field -> {
                    if (!field.getValue().has("example")) {
                        problems.add(operation + ": body field " + field.getKey() + " has no example");
                    }
                });
            });
            for (String status : List.of("400", "413", "415")) {
                if (operation.node().has("requestBody") && !isProblem(operation.node().path("responses").path(status))) {
                    problems.add(operation + ": has a body but no " + status);
                }
            }
        });
    }

    /** The examples are one consistent story: run in order against a fresh database, each succeeds. */
    @Test
    void theExamplesWorkAgainstAFreshDatabase() {
        for (String resource : List.of("authors", "genres", "books")) {
            JsonNode created = created("/" + resource, json(exampleBody("post", "/" + resource, MediaType.APPLICATION_JSON_VALUE)));
            assertThat(created.path("id").asLong()).as("id of the example %s", resource).isEqualTo(1);
        }
        forEachOperation((operation, problems) -> {
            if (!operation.method().equals("get")) {
                return;
            }
            String uri = operation.path().replaceAll("\\{[^}]+}", "1") + "?" + String.join("&", operation.node().path("parameters")
                    .valueStream().filter(parameter -> parameter.path("in").asString().equals("query"))
                    .map(parameter -> parameter.path("name").asString() + "=" + parameter.path("schema").path("example").asString()).toList());
            int status = http.get().uri(uri).exchange().returnResult().getStatus().value();
            if (status != 200) {
                problems.add(operation + ": GET " + uri + " with the examples answers " + status);
            }
        });
        http.patch().uri("/books/1").contentType(MediaType.parseMediaType(MERGE_PATCH_JSON))
                .header("If-Match", parameter(operation("patch", "/books/{id}"), "If-Match").path("schema").path("example").asString())
                .body(json(exampleBody("patch", "/books/{id}", MERGE_PATCH_JSON))).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void everyWriteNeedsTheBearerTokenAndReadsDoNotByDefault() {
        JsonNode scheme = description.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        forEachOperation((operation, problems) -> {
            JsonNode security = operation.node().path("security");
            if (operation.method().equals("get")) {
                if (!security.isMissingNode()) {
                    problems.add(operation + ": a read asks for a token although reads are open: " + security);
                }
                return;
            }
            if (!security.equals(JSON.readTree("[{\"bearer\": []}]"))) {
                problems.add(operation + ": a write without the bearer requirement: " + security);
            }
            if (!isProblem(operation.node().path("responses").path("403"))) {
                problems.add(operation + ": a write without 403");
            }
        });
    }

    @Test
    void everyPostIsA201WithLocationAndETag() {
        forEachOperation((operation, problems) -> {
            if (!operation.method().equals("post")) {
                return;
            }
            JsonNode responses = operation.node().path("responses");
            if (responses.has("200") || !responses.path("201").path("headers").has("Location")
                    || !responses.path("201").path("headers").has("ETag")) {
                problems.add(operation + ": not a 201 with Location and ETag; put @Creates and @ResponseStatus(CREATED) on the handler");
            }
        });
    }

    /** Every POST takes an optional Idempotency-Key, and says what a replay, a reuse and a race answer. */
    @Test
    void everyPostDocumentsItsIdempotencyKey() {
        forEachOperation((operation, problems) -> {
            if (!operation.method().equals("post")) {
                return;
            }
            JsonNode key = parameter(operation.node(), "Idempotency-Key");
            JsonNode responses = operation.node().path("responses");
            if (!key.path("in").asString().equals("header") || key.path("required").asBoolean(false)
                    || key.path("schema").path("maxLength").asInt() < 255
                    || !responses.path("201").path("headers").has("Idempotent-Replayed")
                    || !responses.has("409") || !responses.path("422").path("description").asString().contains("Idempotency-Key")) {
                problems.add(operation + ": no optional Idempotency-Key header with its replay header, 409 and 422");
            }
        });
    }

    /** Each list's sort values are the ones its server accepts, read from the 400 that lists them. */
    @Test
    void everyListDeclaresItsOwnSortValuesItsPageBoundAndLink() {
        long authorId = createAuthor("New Author 1");
        long genreId = createGenre("Fantasy");
        forEachOperation((operation, problems) -> {
            JsonNode sort = parameter(operation.node(), "sort");
            if (sort.isMissingNode()) {
                return;
            }
            String uri = operation.path().replace("{id}", String.valueOf(operation.path().startsWith("/authors") ? authorId : genreId));
            JsonNode refused = JSON.readTree(http.get().uri(uri + "?sort=nope").exchange()
                    .expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
            List<String> accepted = List.of(refused.path("errors").get(0).path("message").asString()
                    .replaceFirst("^must be one of ", "").split(", "));
            List<String> declared = sort.path("schema").path("enum").valueStream().map(JsonNode::asString).toList();
            if (!declared.equals(accepted)) {
                problems.add(operation + ": sort declared as " + declared + ", the server accepts " + accepted);
            }
            JsonNode page = operation.node().path("responses").path("200");
            if (page.path("content").path(MediaType.APPLICATION_JSON_VALUE).path("schema").path("maxItems").asInt() != ListRequest.MAX_LIMIT) {
                problems.add(operation + ": a page is not bounded by " + ListRequest.MAX_LIMIT);
            }
            if (!page.path("headers").has("Link")) {
                problems.add(operation + ": 200 without Link");
            }
        });
    }

    @Test
    void textFieldsAreBoundedAsTheServerEnforcesThem() {
        Map<String, List<Integer>> lengths = Map.of("BookRequest/title", List.of(1, 255), "BookRequest/description", List.of(0, 10_000),
                "AuthorRequest/name", List.of(1, 255), "GenreRequest/name", List.of(1, 255),
                "BookPatch/title", List.of(1, 255), "AuthorPatch/name", List.of(1, 255), "GenrePatch/name", List.of(1, 255));
        lengths.forEach((field, bounds) -> {
            JsonNode schema = schema(field.split("/")[0]).path("properties").path(field.split("/")[1]);
            assertThat(List.of(schema.path("minLength").asInt(), schema.path("maxLength").asInt())).as(field).isEqualTo(bounds);
            // JSON Schema patterns match anywhere in the text, so only an anchored one refuses a NUL
            Pattern pattern = Pattern.compile(schema.path("pattern").asString());
            assertThat(pattern.matcher("Ocean\u0000Book").find()).as("%s accepts a NUL", field).isFalse();
            assertThat(pattern.matcher("Ocean Book").find()).as("%s accepts plain text", field).isTrue();
        });
        assertThat(schema("BookPatch").path("properties").path("author_id").path("type").values())
                .extracting(JsonNode::asString).containsExactly("integer", "null");
        for (String patch : List.of("BookPatch", "AuthorPatch", "GenrePatch")) {
            assertThat(schema(patch).has("required")).as("%s: a merge patch may leave out any field", patch).isFalse();
        }
    }

    @Test
    void responseSchemasListTheirRequiredFields() {
        assertThat(required("BookResponse")).containsExactlyInAnyOrder("id", "title", "description");
        assertThat(required("AuthorResponse")).containsExactlyInAnyOrder("id", "name");
        assertThat(required("GenreResponse")).containsExactlyInAnyOrder("id", "name");
        assertThat(required("Problem")).containsExactlyInAnyOrder("type", "title", "status", "detail", "message");
        assertThat(required("FieldProblem")).containsExactlyInAnyOrder("field", "message");
    }

    /** The headers the API really sends on an answer are declared on that operation's response. */
    @Test
    void responseHeadersAreDeclaredWhereTheyAreSent() {
        long authorId = createAuthor("New Author 1");
        createAuthor("New Author 2");
        String body = "{\"name\": \"Renamed\"}";
        assertHeadersDeclared("post", "/authors", http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body(body).exchange());
        assertHeadersDeclared("get", "/authors", http.get().uri("/authors?limit=1").exchange());
        assertHeadersDeclared("get", "/authors/{id}", http.get().uri("/authors/{id}", authorId).exchange());
        assertHeadersDeclared("get", "/authors/{id}", http.get().uri("/authors/{id}", authorId).header("If-None-Match", "*").exchange());
        assertHeadersDeclared("put", "/authors/{id}", http.put().uri("/authors/{id}", authorId).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange());
        assertHeadersDeclared("put", "/authors/{id}", http.put().uri("/authors/{id}", authorId).contentType(MediaType.APPLICATION_JSON)
                .header("Prefer", "return=representation").body(body).exchange());
        assertHeadersDeclared("patch", "/authors/{id}", http.patch().uri("/authors/{id}", authorId)
                .contentType(MediaType.parseMediaType(MERGE_PATCH_JSON)).header("If-Match", "\"12345\"").body(body).exchange());
        assertHeadersDeclared("delete", "/authors/{id}", http.delete().uri("/authors/{id}", authorId).exchange());
        assertHeadersDeclared("delete", "/authors/{id}", http.method(HttpMethod.valueOf("PROPFIND")).uri("/authors/1").exchange());
    }

    @Test
    void theReferenceInABookBodyIsANullableIdThatMayBe422() {
        JsonNode authorId = schema("BookRequest").path("properties").path("author_id");
        assertThat(authorId.path("type").values()).extracting(JsonNode::asString).containsExactly("integer", "null");
        assertThat(authorId.path("format").asString()).isEqualTo("int64");
        assertThat(schema("BookRequest").path("required").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("title", "description");

        assertThat(responseCodes("post", "/books")).contains("422");
        assertThat(responseCodes("put", "/books/{id}")).contains("422");
        assertThat(responseCodes("patch", "/books/{id}")).contains("422");
        assertThat(responseCodes("post", "/genres/{id}/books")).contains("422");
        // there the path names the author; author_id in the body is ignored, and its 422 is only the Idempotency-Key's
        assertThat(operation("post", "/authors/{id}/books").path("responses").path("422").path("description").asString())
                .doesNotContain("author_id").contains("Idempotency-Key");
        assertThat(operation("post", "/authors/{id}/books").path("description").asString()).contains("`author_id` in the body is ignored");
    }

    @Test
    void schemasUseTheNamesOfTheJsonTheApiSends() {
        long authorId = createAuthor("New Author 1");
        long genreId = createGenre("Fantasy");
        JsonNode book = created("/genres/" + genreId + "/books",
                json(Map.of("title", "Ocean Book", "description", "watr 4evr", "author_id", authorId)));
        JsonNode author = JSON.readTree(http.get().uri("/authors/{id}", authorId).exchange()
                .expectBody().returnResult().getResponseBody());
        JsonNode problem = JSON.readTree(http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
                .expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());

        assertThat(schema("BookResponse").path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(book.propertyNames());
        assertThat(schema("AuthorResponse").path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(author.propertyNames());
        assertThat(schema("Problem").path("properties").propertyNames()).containsAll(problem.propertyNames());
        assertThat(schema("FieldProblem").path("properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(problem.path("errors").get(0).propertyNames());
        description.path("components").path("schemas").properties().forEach(schema ->
                assertThat(schema.getValue().path("properties").propertyNames())
                        .as("property names of %s", schema.getKey())
                        .allMatch(name -> name.matches("[a-z][a-z0-9_]*")));
    }

    /** The errors the API really answers with are among those documented for the operation. */
    @Test
    void realErrorsAreDocumentedForTheirOperation() {
        long bookId = createBook("Ocean Book", "watr 4evr");
        String book = "{\"title\": \"t\", \"description\": \"d\"}";
        String unknownAuthor = "{\"title\": \"t\", \"description\": \"d\", \"author_id\": 12}";

        assertDocumented("get", "/books/{id}", http.get().uri("/books/cat").exchange());
        assertDocumented("get", "/books/{id}", http.get().uri("/books/999").exchange());
        assertDocumented("get", "/books", http.get().uri("/books?author_id=x").exchange());
        assertDocumented("post", "/books", http.post().uri("/books").contentType(MediaType.TEXT_PLAIN).body(book).exchange());
        assertDocumented("post", "/books", http.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(unknownAuthor).exchange());
        assertDocumented("post", "/books", http.post().uri("/books").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"t\", \"description\": \"" + "x".repeat(1024 * 1024) + "\"}").exchange());
        assertDocumented("put", "/books/{id}", http.put().uri("/books/{id}", bookId).contentType(MediaType.APPLICATION_JSON)
                .body(unknownAuthor).exchange());
        assertDocumented("delete", "/books/{id}", http.delete().uri("/books/999").exchange());
        assertDocumented("post", "/authors", http.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{}").exchange());
        assertDocumented("get", "/authors/{id}/books", http.get().uri("/authors/999/books").exchange());
        assertDocumented("post", "/authors/{id}/books", http.post().uri("/authors/999/books").contentType(MediaType.APPLICATION_JSON)
                .body(book).exchange());
        assertDocumented("patch", "/books/{id}", http.patch().uri("/books/{id}", bookId).contentType(MediaType.APPLICATION_JSON)
                .body(book).exchange());
        assertDocumented("patch", "/books/{id}", http.patch().uri("/books/{id}", bookId).contentType(MediaType.parseMediaType(MERGE_PATCH_JSON))
                .header("If-Match", "\"12345\"").body("{}").exchange());
        assertDocumented("get", "/books/{id}", http.method(HttpMethod.valueOf("PROPFIND")).uri("/books/{id}", bookId).exchange());
        assertDocumented("get", "/books/{id}", http.get().uri("/books/{id}", bookId).accept(MediaType.TEXT_HTML).exchange());
    }

    @Test
    void theDescriptionAndSwaggerUiAreServed() {
        http.get().uri("/swagger-ui.html").exchange()
                .expectStatus().isFound()
                .expectHeader().location("/swagger-ui/index.html");
        http.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        // its scripts come from the webjar, although the app serves no other static content
        http.get().uri("/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs.yaml").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(yaml -> assertThat(yaml).startsWith("openapi: 3.1.0"));
        http.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("/v3/api-docs");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/swagger-ui/nope.js", "/webjars/swagger-ui/index.html", "/index.html", "/static/app.js" })
    void otherStaticLookingPathsAreStill404Problems(String path) {
        http.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void assertHeadersDeclared(String method, String path, RestTestClient.ResponseSpec response) {
        var result = response.returnResult();
        String status = String.valueOf(result.getStatus().value());
        JsonNode declared = operation(method, path).path("responses").path(status).path("headers");
        assertThat(declared.isMissingNode()).as("%s %s has no %s documented", method.toUpperCase(), path, status).isFalse();
        for (String header : List.of("ETag", "Location", "Link", "Preference-Applied", "Retry-After", "Allow", CorrelationIdFilter.HEADER)) {
            if (result.getResponseHeaders().containsHeader(header)) {
                assertThat(declared.has(header)).as("%s %s %s sends %s", method.toUpperCase(), path, status, header).isTrue();
            }
        }
    }

    private JsonNode exampleBody(String method, String path, String mediaType) {
        JsonNode media = operation(method, path).path("requestBody").path("content").path(mediaType);
        if (media.has("examples")) {
            return media.path("examples").values().iterator().next().path("value");
        }
        tools.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        resolve(media.path("schema")).path("properties").properties().forEach(field -> body.set(field.getKey(), field.getValue().path("example")));
        return body;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString();
        return ref.isEmpty() ? schema : schema(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        return operation.path("parameters").valueStream().filter(parameter -> parameter.path("name").asString().equals(name))
                .findFirst().orElse(tools.jackson.databind.node.MissingNode.getInstance());
    }

    private List<String> required(String schema) {
        return schema(schema).path("required").valueStream().map(JsonNode::asString).toList();
    }

    private void assertDocumented(String method, String path, RestTestClient.ResponseSpec response) {
        int status = response.returnResult().getStatus().value();
        assertThat(responseCodes(method, path)).as("documented responses of %s %s", method.toUpperCase(), path)
                .contains(String.valueOf(status));
    }

    private boolean isProblem(JsonNode response) {
        return response.path("content").path(MediaType.APPLICATION_PROBLEM_JSON_VALUE).path("schema").path("$ref").asString()
                .equals("#/components/schemas/Problem");
    }

    private JsonNode schema(String name) {
        return description.path("components").path("schemas").path(name);
    }

    private JsonNode operation(String method, String path) {
        return description.path("paths").path(path).path(method);
    }

    private List<String> responseCodes(String method, String path) {
        return List.copyOf(operation(method, path).path("responses").propertyNames());
    }

    private record Operation(String method, String path, JsonNode node) {

        String name() {
            return method.toUpperCase() + " " + path;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    /** Runs a check on every operation and fails once, listing every problem found. */
    private void forEachOperation(BiConsumer<Operation, List<String>> check) {
        List<String> problems = new ArrayList<>();
        operations().forEach(operation -> check.accept(operation, problems));
        assertThat(problems).isEmpty();
    }
}
