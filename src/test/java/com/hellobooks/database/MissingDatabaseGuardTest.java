package com.hellobooks.database;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar has no embedded PostgreSQL; .ci/run checks the jar itself fails fast with one line. */
class MissingDatabaseGuardTest {

    @Test
    void withoutTheEmbeddedServerAUrlIsNeeded() {
        assertThat(MissingDatabaseGuard.needsDatabaseUrl(new MockEnvironment(), false)).isTrue();
    }

    @Test
    void aUrlIsEnough() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1/db");
        assertThat(MissingDatabaseGuard.needsDatabaseUrl(environment, false)).isFalse();
    }

    @Test
    void theEmbeddedServerIsEnoughUnlessDisabled() {
        assertThat(MissingDatabaseGuard.needsDatabaseUrl(new MockEnvironment(), true)).isFalse();
        MockEnvironment disabled = new MockEnvironment().withProperty("hellobooks.embedded-postgres.enabled", "false");
        assertThat(MissingDatabaseGuard.needsDatabaseUrl(disabled, true)).isTrue();
    }

    @Test
    void theMessageNamesTheVariable() {
        assertThat(MissingDatabaseGuard.MESSAGE).contains("SPRING_DATASOURCE_URL").doesNotContain("\n");
    }
}
