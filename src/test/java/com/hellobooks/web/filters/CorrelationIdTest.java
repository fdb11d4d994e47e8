package com.hellobooks.web.filters;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A new correlation id is a random UUID, as before, though no longer from UUID.randomUUID(). */
class CorrelationIdTest {

    @Test
    void aNewIdIsARandomVersion4Uuid() {
        Set<String> ids = IntStream.range(0, 10_000).mapToObj(i -> CorrelationIdFilter.newId()).collect(Collectors.toSet());

        assertThat(ids).hasSize(10_000).allSatisfy(id -> {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        });
    }

    @Test
    void aCallersPlainTokenIsKeptAndAnythingElseReplaced() {
        assertThat(CorrelationIdFilter.idFor(null, "trace-123")).isEqualTo("trace-123");
        assertThat(UUID.fromString(CorrelationIdFilter.idFor(null, "<script>")).version()).isEqualTo(4);
        assertThat(CorrelationIdFilter.idFor("sent", "trace-123")).isEqualTo("sent");
    }
}
