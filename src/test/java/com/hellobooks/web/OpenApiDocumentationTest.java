package com.hellobooks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
            for (String status : List.of("500", "503")) {
                if (!isProblem(responses.path(status))) {
                    problems.add(operation + ": no " + status + " as application/problem+json");
                }
            }
            if (responses.path("503").path("headers").path("Retry-After").isMissingNode()) {
                problems.add(operation + ": 503 without Retry-After");
            }
            responses.properties().forEach(response -> {
                if (response.getValue().path("headers").path(CorrelationIdFilter.HEADER).isMissingNode()) {
                    problems.add(operation + ": " + response.getKey() + " without " + CorrelationIdFilter.HEADER);
                }
                if (response.getKey().startsWith("4") && !isProblem(response.getValue())) {
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
                        && schema.path("minimum").asInt() == 1)) {
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

    @Test
    void everyJsonBodyHasAnExampleAndItsErrors() {
        forEachOperation((operation, problems) -> {
            JsonNode body = operation.node().path("requestBody").path("content").path(MediaType.APPLICATION_JSON_VALUE);
            if (body.isMissingNode()) {
                return;
            }
            if (!body.path("example").isObject()) {
                problems.add(operation + ": no example body; add one for " + body.path("schema").path("$ref").asString()
                        + " to ApiDescriptionCustomizer.REQUEST_EXAMPLES");
            }
            for (String status : List.of("400", "413", "415")) {
                if (!isProblem(operation.node().path("responses").path(status))) {
                    problems.add(operation + ": has a body but no " + status);
                }
            }
        });
    }

    @Test
    void everyPostIsA201WithLocation() {
        forEachOperation((operation, problems) -> {
            if (!operation.method().equals("post")) {
                return;
            }
            JsonNode responses = operation.node().path("responses");
            if (responses.has("200") || responses.path("201").path("headers").path("Location").isMissingNode()) {
                problems.add(operation + ": not a 201 with Location; put @ResponseStatus(HttpStatus.CREATED) on the handler");
            }
        });
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
        // there the path names the author; author_id in the body is ignored
        assertThat(responseCodes("post", "/authors/{id}/books")).doesNotContain("422");
        assertThat(operation("post", "/authors/{id}/books").path("requestBody").path("content")
                .path(MediaType.APPLICATION_JSON_VALUE).path("example").has("author_id")).isFalse();
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

    private void assertDocumented(String method, String path, RestTestClient.ResponseSpec response) {
        int status = response.returnResult().getStatus().value();
        assertThat(responseCodes(method, path)).as("documented responses of %s %s", method.toUpperCase(), path)
                .contains(String.valueOf(status));
    }

    private boolean isProblem(JsonNode response) {
        return response.path("content").path(ApiDescriptionCustomizer.PROBLEM_JSON).path("schema").path("$ref").asString()
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
