package com.hellobooks.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL is there when nothing else names a database, and invisible otherwise. */
class EmbeddedPostgresAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class));

    @TempDir
    Path dataDirectory;

    @Test
    void startsWhenNoDatabaseIsConfiguredAndTheDataSourceUsesIt() {
        contexts.withPropertyValues("hellobooks.embedded-postgres.data-directory=" + dataDirectory,
                "hellobooks.embedded-postgres.database=autoconfigured").run(context -> {
                    assertThat(context).hasSingleBean(EmbeddedPostgresServer.class);
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo("autoconfigured");
                    assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
                });
    }

    @Test
    void stepsAsideWhenADataSourceUrlIsSet() {
        contexts.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/elsewhere").run(context -> {
            assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class);
            assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/elsewhere");
        });
    }

    @Test
    void stepsAsideWhenDisabled() {
        // without DataSourceAutoConfiguration, which would fail for want of a URL
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class))
                .withPropertyValues("hellobooks.embedded-postgres.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class));
    }

    @Test
    void stepsAsideForAUserDataSource() {
        contexts.withBean(DataSource.class, PGSimpleDataSource::new).run(context ->
                assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class));
    }

    @Test
    void stepsAsideForConnectionDetailsSuchAsATestcontainersServiceConnection() {
        JdbcConnectionDetails container = new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "test";
            }

            @Override
            public String getPassword() {
                return "test";
            }

            @Override
            public String getJdbcUrl() {
                return "jdbc:postgresql://127.0.0.1:15432/test";
            }
        };
        contexts.withBean(JdbcConnectionDetails.class, () -> container).run(context -> {
            assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class);
            assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/test");
        });
    }
}
