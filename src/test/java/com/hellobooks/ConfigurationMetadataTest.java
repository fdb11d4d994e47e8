package com.hellobooks;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata spring-boot-configuration-processor writes for an IDE: every hellobooks.*
 * property is there with the @param line of its record component, as plain text (the
 * processor copies Javadoc tags such as {@code {@code}} verbatim).
 */
class ConfigurationMetadataTest {

    @Test
    void everyHellobooksPropertyHasADescription() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-configuration-metadata.json").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<JsonNode> properties = metadata.path("properties").valueStream()
                .filter(property -> property.path("name").asString().startsWith("hellobooks."))
                .toList();
        assertThat(properties).extracting(property -> property.path("name").asString())
                .contains("hellobooks.http.max-request-body", "hellobooks.security.protect-reads", "hellobooks.cors.allowed-origins");
        assertThat(properties).allSatisfy(property -> assertThat(property.path("description").asString())
                .as(property.path("name").asString())
                .isNotBlank()
                .doesNotContain("{@"));
    }
}
