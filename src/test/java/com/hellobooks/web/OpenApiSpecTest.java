package com.hellobooks.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.hellobooks.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docs/openapi.json is the API's description as the running app serves it at /v3/api-docs.
 * When an endpoint, a record or the description's customizer changes, this test fails until
 * the file is regenerated with {@value #REGENERATE}, which runs this same test in update mode
 * (it then writes the file instead of comparing).
 */
class OpenApiSpecTest extends ApiTest {

    static final String REGENERATE = "./mvnw test -Dtest=OpenApiSpecTest -Dopenapi.update=true";
    private static final Path SPEC = Path.of("docs", "openapi.json");

    /**
     * The live description names the server it was fetched from (a random port here); the copy
     * names the one ./mvnw spring-boot:run starts, so it works as is when imported into Postman.
     */
    private static final String COPY_SERVERS = """
            [{"url": "http://localhost:8080", "description": "local: ./mvnw spring-boot:run", "x-internal": false}]""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void docsOpenapiJsonIsWhatTheRunningApiDescribes() throws IOException {
        JsonNode live = liveDescription();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(SPEC, pretty(live), StandardCharsets.UTF_8);
            System.out.println("OpenApiSpecTest: wrote " + SPEC + " from the running API; review and commit it");
            return;
        }
        assertThat(SPEC).as("%s is missing; create it with%n%n    %s%n", SPEC, REGENERATE).exists();
        JsonNode committed = JSON.readTree(Files.readString(SPEC, StandardCharsets.UTF_8));

        List<String> differences = new ArrayList<>();
        differences("", committed, live, differences);
        if (!differences.isEmpty()) {
            fail("""
                    %s is not what the running API describes at /v3/api-docs (%d difference%s, by JSON pointer):
                    %s
                    If the API changed on purpose, regenerate the file and commit it:

                        %s
                    """.formatted(SPEC, differences.size(), differences.size() == 1 ? "" : "s",
                    String.join("\n", differences.subList(0, Math.min(differences.size(), 25)))
                            + (differences.size() > 25 ? "\n  ..." : ""),
                    REGENERATE));
        }
    }

    private JsonNode liveDescription() {
        byte[] body = http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        ObjectNode description = (ObjectNode) JSON.readTree(body);
        description.set("servers", JSON.readTree(COPY_SERVERS));
        return description;
    }

    /** Two-space indents and one key per line, in the order springdoc writes them (sorted), so diffs stay small. */
    private static String pretty(JsonNode description) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return JSON.writer().with(printer).writeValueAsString(description) + "\n";
    }

    /** Where two JSON documents differ, as JSON pointers; object keys in any order. */
    private static void differences(String at, JsonNode expected, JsonNode actual, List<String> found) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> keys = new LinkedHashSet<>(expected.propertyNames());
            keys.addAll(actual.propertyNames());
            for (String key : keys) {
                String path = at + "/" + key.replace("~", "~0").replace("/", "~1");
                if (!actual.has(key)) {
                    found.add("  " + path + ": in the file, not in the API");
                } else if (!expected.has(key)) {
                    found.add("  " + path + ": in the API, not in the file");
                } else {
                    differences(path, expected.get(key), actual.get(key), found);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences(at + "/" + i, expected.get(i), actual.get(i), found);
            }
        } else if (!expected.equals(actual)) {
            found.add("  " + (at.isEmpty() ? "/" : at) + ": file has " + abbreviate(expected) + ", API has " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
