package com.hellobooks.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Adds to the description springdoc derives from the controllers what every endpoint shares
 * and the controllers do not say: the error responses as {@code application/problem+json},
 * the response headers, ids as positive 64-bit integers, request body examples, and tags and
 * operation ids that do not depend on Java names.
 *
 * <p>Rules go by the shape of an operation (does it have a path id? a body? a body naming
 * another resource?), never by endpoint, so a new endpoint is described without a change
 * here. Only a new request record needs its example in {@link #REQUEST_EXAMPLES}
 * ({@code OpenApiDocumentationTest} says so), and a header the API starts sending needs its
 * row in {@link #RESPONSE_HEADERS}.
 */
final class ApiDescriptionCustomizer implements OpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String FIELD_PROBLEM_REF = "#/components/schemas/FieldProblem";
    private static final String EXAMPLE_CORRELATION_ID = "3f1c9a52-7d0e-4b8a-9c61-2e5f8d4b7a10";

    /** The version of the API contract; bump it when the contract changes. */
    private static final String API_VERSION = "0.1.0";

    /**
     * Example bodies, shown by Swagger UI's Try it out and taken over by Postman, by request
     * schema (the record's name). A key that the path already settles (author_id in POST
     * /authors/{id}/books) is left out of that operation's example.
     */
    private static final Map<String, String> REQUEST_EXAMPLES = Map.of(
            "BookRequest", """
                    {"title": "Ocean Book", "description": "watr 4evr", "author_id": 1}""",
            "AuthorRequest", """
                    {"name": "New Author 1"}""",
            "GenreRequest", """
                    {"name": "Fantasy"}""");

    /**
     * Which response carries which header, by operation and status code. Headers the API will
     * send get a row here when they are built, e.g. ETag on a GET with a path id and on writes,
     * Link on a 200 of a GET without one; request headers (If-Match on PUT, PATCH and DELETE,
     * If-None-Match) get a table like this one, whose rows become header parameters.
     */
    private static final List<HeaderRule> RESPONSE_HEADERS = List.of(
            new HeaderRule(CorrelationIdFilter.HEADER, (endpoint, status) -> true, new Header()
                    .description("The request's correlation id, also in a problem's `correlation_id`: the caller's own "
                            + "X-Request-Id when it is 1 to 64 letters, digits, `.`, `_` or `-`, otherwise a new UUID")
                    .schema(typed("string"))),
            new HeaderRule(HttpHeaders.LOCATION, (endpoint, status) -> status.equals("201"), new Header()
                    .description("The path of the new resource, such as `/books/7`")
                    .schema(typed("string").format("uri-reference"))),
            new HeaderRule(HttpHeaders.RETRY_AFTER, (endpoint, status) -> status.equals("503"), new Header()
                    .description("Seconds to wait before trying again")
                    .schema(typed("integer").minimum(BigDecimal.ONE))),
            new HeaderRule(HttpHeaders.ETAG, (endpoint, status) -> endpoint.answersWithOneResource(status), new Header()
                    .description("The resource's version as a strong entity tag, such as `\"3\"`: send it back in "
                            + "`If-None-Match` (304 while unchanged) or `If-Match` (412 if it changed meanwhile)")
                    .schema(typed("string"))),
            new HeaderRule(HttpHeaders.LINK, (endpoint, status) -> endpoint.isList() && status.equals("200"), new Header()
                    .description("`<...>; rel=\"next\"` (RFC 8288) while more rows exist: the same request with the next "
                            + "`cursor`; absent on the last page")
                    .schema(typed("string"))),
            new HeaderRule("Preference-Applied", (endpoint, status) -> endpoint.isUpdate() && status.equals("200"), new Header()
                    .description("`return=representation` when the 200 answers `Prefer: return=representation`")
                    .schema(typed("string"))));

    @Override
    public void customise(OpenAPI openApi) {
        openApi.setInfo(info());
        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        openApi.setComponents(components);
        addProblemSchemas(components);
        RESPONSE_HEADERS.forEach(rule -> components.addHeaders(rule.name(), rule.header()));

        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(new Endpoint(path, method, operation, bodySchema(operation, components)))));
    }

    private static Info info() {
        return new Info()
                .title("Hello Books API")
                .version(API_VERSION)
                .description("""
                        Books and their authors. JSON field names are snake_case; ids are positive 64-bit \
                        integers assigned by the server; lists are ordered by id. Unknown query parameters \
                        and unknown keys in a body are ignored.

                        Every error is `application/problem+json` (RFC 9457). Besides `detail` it carries \
                        `message` (the same text, the field the original API's clients read) and \
                        `correlation_id`, which is also in the `X-Request-Id` response header; send your own \
                        `X-Request-Id` to have it used instead. A method a path does not have is a 405 with \
                        `Allow`; an unknown path is a 404. The whole contract: docs/api-contract.md.""");
    }

    private static void describe(Endpoint endpoint) {
        Operation operation = endpoint.operation();
        operation.setTags(List.of(endpoint.tag()));
        operation.setOperationId(endpoint.operationId());
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (endpoint.isId(parameter)) {
                    parameter.setSchema(typed("integer").format("int64").minimum(BigDecimal.ONE));
                    parameter.setDescription("path".equals(parameter.getIn())
                            ? "The " + endpoint.resourceBefore("{" + parameter.getName() + "}").toLowerCase(Locale.ROOT)
                                    + "'s id; anything but a positive integer is a 400"
                            : "Exact match on `" + parameter.getName() + "`; anything but a positive integer is a 400");
                }
            }
        }
        if (endpoint.body() != null) {
            describeBody(endpoint);
        }
        describeConditionalRequests(endpoint);
        describeListParameters(endpoint);
        ApiResponses responses = operation.getResponses();
        if (endpoint.isUpdate()) {
            // the controller returns ResponseEntity, so springdoc only sees the 200 of Prefer: return=representation
            responses.get("200").setDescription("Updated, with `Prefer: return=representation`: the resource");
            responses.addApiResponse("204", new ApiResponse().description("Updated (the original API's answer): no body"));
        }
        errorResponses(endpoint).forEach((status, response) -> responses.addApiResponse(String.valueOf(status), response));
        responses.forEach((status, response) -> RESPONSE_HEADERS.stream()
                .filter(rule -> rule.appliesTo().test(endpoint, status))
                .forEach(rule -> response.addHeaderObject(rule.name(), new Header().$ref(rule.name()))));
    }

    private static void describeBody(Endpoint endpoint) {
        MediaType json = endpoint.operation().getRequestBody().getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        String example = REQUEST_EXAMPLES.get(endpoint.body().name());
        if (json != null && example != null) {
            ObjectNode value = (ObjectNode) readTree(example);
            value.remove(endpoint.keysSettledByPath());
            json.setExample(value);
        }
        List<String> ignored = endpoint.body().properties().stream().filter(endpoint.keysSettledByPath()::contains).toList();
        if (!ignored.isEmpty()) {
            String note = ignored.stream().map(key -> "`" + key + "`").reduce((a, b) -> a + ", " + b).orElseThrow()
                    + " in the body is ignored: the path says which " + referencedResource(ignored.get(0)).toLowerCase(Locale.ROOT) + ".";
            Operation operation = endpoint.operation();
            operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
        }
    }

    /** If-None-Match on reads of one resource; If-Match, Prefer and merge patch are declared by the controllers. */
    private static void describeConditionalRequests(Endpoint endpoint) {
        Operation operation = endpoint.operation();
        if (endpoint.method() == PathItem.HttpMethod.GET && !endpoint.isList()) {
            operation.addParametersItem(new Parameter().in("header").name(HttpHeaders.IF_NONE_MATCH)
                    .description("An ETag from an earlier answer: 304 without a body while the resource is unchanged")
                    .schema(typed("string")));
            operation.getResponses().addApiResponse("304", new ApiResponse()
                    .description("Not modified: the ETag in If-None-Match is still the current one"));
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName())) {
                    parameter.setDescription("Optional. The ETag the change is based on (or `*`): 412 when the resource has "
                            + "changed since; without it the write goes ahead, as in the original API");
                } else if ("Prefer".equalsIgnoreCase(parameter.getName())) {
                    parameter.setDescription("`return=representation` answers 200 with the resource instead of 204");
                }
            }
        }
        if (endpoint.method() == PathItem.HttpMethod.PATCH && operation.getRequestBody() != null) {
            MediaType patch = operation.getRequestBody().getContent().get(MERGE_PATCH_JSON);
            if (patch != null) {
                patch.setSchema(typed("object").description("A JSON merge patch (RFC 7396) of the fields of the PUT body: "
                        + "keys sent replace, `null` removes (a required field removed is a 400), keys not sent stay"));
                patch.setExample(readTree(endpoint.path().startsWith("/books") ? "{\"description\": \"watr 4evr, 2nd ed.\"}"
                        : "{\"name\": \"Renamed\"}"));
            }
        }
    }

    /** limit, cursor and sort, which ListParameters binds from the query string. */
    private static void describeListParameters(Endpoint endpoint) {
        if (endpoint.operation().getParameters() == null) {
            return;
        }
        for (Parameter parameter : endpoint.operation().getParameters()) {
            switch (parameter.getName()) {
                case "limit" -> parameter.description("Rows per page, 1 to " + ListRequest.MAX_LIMIT + " (default "
                        + ListRequest.DEFAULT_LIMIT + ")").schema(typed("integer").format("int32").minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(ListRequest.MAX_LIMIT))._default(ListRequest.DEFAULT_LIMIT));
                case "cursor" -> parameter.description("Where the page starts: copy it from the `Link` of the page before; opaque");
                case "sort" -> parameter.description("`id` (default), or the resource's `title`/`name`; a leading `-` sorts "
                        + "descending; ties are broken by id in the same direction. Anything else is a 400 naming the allowed values");
                default -> { }
            }
        }
    }

    /** The errors an operation of this shape can answer with, by status. */
    private static Map<Integer, ApiResponse> errorResponses(Endpoint endpoint) {
        Map<Integer, ApiResponse> errors = new TreeMap<>();
        String instance = endpoint.examplePath();

        List<String> badRequest = new ArrayList<>();
        Map<String, Example> badRequestExamples = new LinkedHashMap<>();
        if (endpoint.hasPathId()) {
            String resource = endpoint.resourceBefore("{");
            badRequest.add("a path id is not a positive integer");
            String invalidPath = endpoint.path().replaceFirst("\\{[^}]+}", "cat").replaceAll("\\{[^}]+}", "1");
            badRequestExamples.put("invalid_id", example("A path id that is not a positive integer",
                    problem(400, resource + " cat invalid", invalidPath, null, null)));
        }
        List<String> queryIds = endpoint.queryIds();
        if (!queryIds.isEmpty()) {
            badRequest.add(String.join(", ", queryIds.stream().map(name -> "`" + name + "`").toList()) + " is not a positive integer");
            String name = queryIds.get(0);
            badRequestExamples.put("invalid_" + name, example("A query parameter that is not a positive integer",
                    problem(400, "Invalid request: " + name + " must be a positive integer", instance, name, "must be a positive integer")));
        }
        if (endpoint.body() != null) {
            badRequest.add("the body is not one JSON object, or a field is missing, null, of the wrong type, blank or too "
                    + "long; `errors` lists every field problem");
            String first = endpoint.body().required().isEmpty() ? "title" : endpoint.body().required().get(0);
            badRequestExamples.put("missing_field", example("A required field missing or null",
                    problem(400, "Invalid request: missing " + first, instance, first, "is missing")));
        }
        if (endpoint.isList()) {
            badRequest.add("`limit`, `sort` or `cursor` is not one this list accepts");
            badRequestExamples.put("invalid_sort", example("A sort field the list does not have",
                    problem(400, "Invalid request: sort must be one of id, -id, title, -title", instance, "sort",
                            "must be one of id, -id, title, -title")));
        }
        if (!badRequest.isEmpty()) {
            errors.put(400, problemResponse("Bad request: " + String.join("; ", badRequest) + ".", badRequestExamples));
        }

        if (endpoint.hasPathId()) {
            String resource = endpoint.resourceBefore("{");
            errors.put(404, problemResponse("No " + resource.toLowerCase(Locale.ROOT) + " has the id in the path.",
                    single(problem(404, resource + " 1 not found", instance, null, null))));
        }
        if (endpoint.body() != null) {
            errors.put(413, problemResponse("The body is larger than the limit (`hellobooks.http.max-request-body`, 1 MiB by default).",
                    single(problem(413, "Request body larger than 1048576 bytes", instance, null, null))));
            errors.put(415, problemResponse("The Content-Type is not `application/json`.",
                    single(problem(415, "Content-Type 'text/plain' is not supported.", instance, null, null))));
            List<String> references = endpoint.body().properties().stream()
                    .filter(key -> key.endsWith("_id") && !endpoint.keysSettledByPath().contains(key))
                    .toList();
            if (!references.isEmpty()) {
                String reference = references.get(0);
                String resource = referencedResource(reference);
                errors.put(422, problemResponse(String.join(" or ", references.stream().map(key -> "`" + key + "`").toList())
                                + " names nothing that exists (no " + resource.toLowerCase(Locale.ROOT) + " has that id).",
                        single(problem(422, resource + " 12 not found", instance, null, null))));
            }
        }
        if (endpoint.method() == PathItem.HttpMethod.PATCH) {
            errors.put(413, problemResponse("The body is larger than the limit (`hellobooks.http.max-request-body`, 1 MiB by default).",
                    single(problem(413, "Request body larger than 1048576 bytes", instance, null, null))));
            errors.put(415, problemResponse("The Content-Type is not `" + MERGE_PATCH_JSON + "`.",
                    single(problem(415, "Content-Type 'application/json' is not supported.", instance, null, null))));
            errors.put(400, problemResponse("Bad request: a path id is not a positive integer, or the body is not one JSON "
                    + "object, or the patched resource breaks the rules of the PUT body; `errors` lists every field problem.",
                    single(problem(400, "Invalid request: missing title", instance, "title", "is missing"))));
            if (endpoint.path().startsWith("/books")) {
                errors.put(422, problemResponse("`author_id` names no author.", single(problem(422, "Author 12 not found", instance, null, null))));
            }
        }
        if (endpoint.method() != PathItem.HttpMethod.GET) {
            errors.put(401, problemResponse("Only when the server checks tokens (see the README, Security): no bearer token, "
                    + "or one that is expired or not signed by the configured issuer; `WWW-Authenticate` says which.",
                    single(problem(401, "Unauthorized", instance, null, null))));
            errors.put(403, problemResponse("Only when the server checks tokens: the token lacks the `books:write` scope.",
                    single(problem(403, "Forbidden", instance, null, null))));
        }
        boolean conditional = endpoint.operation().getParameters() != null && endpoint.operation().getParameters().stream()
                .anyMatch(parameter -> HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName()));
        if (conditional) {
            errors.put(412, problemResponse("The ETag in If-Match is not the current one: someone changed the resource since.",
                    single(problem(412, endpoint.resourceBefore("{") + " 1 has changed since the ETag in If-Match; GET it again and retry",
                            instance, null, null))));
        }
        errors.put(500, problemResponse("A bug. Quote the correlation id (`correlation_id`, `X-Request-Id`) when reporting it.",
                single(problem(500, "Internal error; quote correlation id " + EXAMPLE_CORRELATION_ID + " when reporting it", instance, null, null))));
        errors.put(503, problemResponse("The database is unreachable, or too many requests are in progress; try again "
                + "after `Retry-After` seconds.",
                single(problem(503, "The database is unavailable; try again shortly", instance, null, null))));
        return errors;
    }

    private static ApiResponse problemResponse(String description, Map<String, Example> examples) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref(PROBLEM_REF))
                        .examples(examples)));
    }

    private static Map<String, Example> single(ObjectNode problem) {
        return Map.of("problem", new Example().value(problem));
    }

    private static Example example(String summary, ObjectNode problem) {
        return new Example().summary(summary).value(problem);
    }

    /**
     * A problem body as the API writes it (see {@link Problems}), members in RFC 9457's order.
     * A JSON tree rather than a Map: springdoc sorts the keys of maps, not of trees.
     */
    private static ObjectNode problem(int status, String detail, String instance, String field, String fieldProblem) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode()
                .put("type", "about:blank")
                .put("title", HttpStatus.valueOf(status).getReasonPhrase())
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        if (field != null) {
            problem.putArray("errors").addObject().put("field", field).put("message", fieldProblem);
        }
        return problem.put("message", detail).put("correlation_id", EXAMPLE_CORRELATION_ID);
    }

    /** The schema of every error body: RFC 9457's members and the API's own. */
    private static void addProblemSchemas(Components components) {
        components.addSchemas("FieldProblem", typed("object")
                .description("One problem with one field of a request body or one query parameter")
                .addProperty("field", typed("string").description("The field's JSON name, such as `title`"))
                .addProperty("message", typed("string").description("What is wrong with it, such as `is missing`"))
                .required(List.of("field", "message")));
        components.addSchemas("Problem", typed("object")
                .description("An RFC 9457 problem, the body of every error (`application/problem+json`)")
                .addProperty("type", typed("string").format("uri-reference").description("Always `about:blank`: the status says what happened"))
                .addProperty("title", typed("string").description("The status's reason phrase, such as `Not Found`"))
                .addProperty("status", typed("integer").format("int32").description("The HTTP status code"))
                .addProperty("detail", typed("string").description("What went wrong, such as `Book 3 not found`"))
                .addProperty("instance", typed("string").format("uri-reference").description("The request's path"))
                .addProperty("message", typed("string").description("The same text as `detail`: the field clients of the original API read"))
                .addProperty("correlation_id", typed("string").description("The request's id, also in the `X-Request-Id` header"))
                .addProperty("errors", typed("array").items(new Schema<>().$ref(FIELD_PROBLEM_REF))
                        .description("Each problem with a field, for a 400 about the body or a query parameter"))
                .required(List.of("type", "title", "status", "detail", "message")));
    }

    /** Parsed with a plain mapper of swagger-core's Jackson (2): keys stay in the order written. */
    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Not JSON: " + json, ex);
        }
    }

    private static String referencedResource(String key) {
        return capitalize(key.substring(0, key.length() - "_id".length()));
    }

    /** A schema of one JSON type, written out both as OpenAPI 3.0 and 3.1 expect it. */
    @SuppressWarnings("rawtypes")
    private static Schema typed(String type) {
        return new Schema<>().type(type).typesItem(type);
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A response header and the responses it goes on, by operation and status code. */
    private record HeaderRule(String name, BiPredicate<Endpoint, String> appliesTo, Header header) {
    }

    /** The JSON request body of an operation: its schema's name, keys, and required keys in declaration order. */
    private record Body(String name, List<String> properties, List<String> required) {
    }

    @SuppressWarnings("rawtypes")
    private static Body bodySchema(Operation operation, Components components) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = operation.getRequestBody().getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        if (json == null || json.getSchema() == null || json.getSchema().get$ref() == null) {
            return null;
        }
        String name = json.getSchema().get$ref().substring(json.getSchema().get$ref().lastIndexOf('/') + 1);
        Schema schema = components.getSchemas() == null ? null : components.getSchemas().get(name);
        if (schema == null || schema.getProperties() == null) {
            return new Body(name, List.of(), List.of());
        }
        List<String> properties = List.copyOf(((Map<String, ?>) schema.getProperties()).keySet());
        List<?> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        return new Body(name, properties, properties.stream().filter(required::contains).toList());
    }

    /** One operation and what its shape says about it. */
    private record Endpoint(String path, PathItem.HttpMethod method, Operation operation, Body body) {

        /** Tags follow the first path segment: /authors/{id}/books is about authors. */
        String tag() {
            return segments().get(0);
        }

        /** From the method and path, so it stays put when Java code moves: GET /authors/{id}/books is getAuthorsByIdBooks. */
        String operationId() {
            StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
            for (String segment : segments()) {
                id.append(segment.startsWith("{") ? "By" + capitalize(segment.substring(1, segment.length() - 1)) : capitalize(segment));
            }
            return id.toString();
        }

        boolean hasPathId() {
            return path.contains("{");
        }

        /** A GET whose path does not end in an id: a page of a list. */
        boolean isList() {
            return method == PathItem.HttpMethod.GET && !path.endsWith("}");
        }

        /** PUT or PATCH of one resource with a body (not the body-less PUT that links a book to a genre). */
        boolean isUpdate() {
            return (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) && operation.getRequestBody() != null;
        }

        /** The responses that show one resource's state and so carry its ETag. */
        boolean answersWithOneResource(String status) {
            return status.equals("201")
                    || (method == PathItem.HttpMethod.GET && !isList() && status.equals("200"))
                    || (isUpdate() && (status.equals("200") || status.equals("204")));
        }

        /** Every path variable is an id, and so is every query parameter named *_id. */
        boolean isId(Parameter parameter) {
            return "path".equals(parameter.getIn()) || ("query".equals(parameter.getIn()) && parameter.getName().endsWith("_id"));
        }

        List<String> queryIds() {
            return operation.getParameters() == null ? List.of()
                    : operation.getParameters().stream().filter(p -> "query".equals(p.getIn()) && isId(p)).map(Parameter::getName).toList();
        }

        /** The resource a path variable names: "Author" for {id} in /authors/{id}/books. */
        String resourceBefore(String variable) {
            List<String> segments = segments();
            for (int i = 1; i < segments.size(); i++) {
                if (segments.get(i).startsWith(variable)) {
                    return singular(segments.get(i - 1));
                }
            }
            return "Resource";
        }

        /** Body keys the path decides: author_id in /authors/{id}/books. */
        Set<String> keysSettledByPath() {
            Set<String> keys = new LinkedHashSet<>();
            List<String> segments = segments();
            for (int i = 1; i < segments.size(); i++) {
                if (segments.get(i).startsWith("{")) {
                    keys.add(singular(segments.get(i - 1)).toLowerCase(Locale.ROOT) + "_id");
                }
            }
            return keys;
        }

        /** The path as a request would have it: /books/1. */
        String examplePath() {
            return path.replaceAll("\\{[^}]+}", "1");
        }

        private List<String> segments() {
            return List.of(path.substring(1).split("/"));
        }

        private static String singular(String plural) {
            return capitalize(plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural);
        }
    }
}
