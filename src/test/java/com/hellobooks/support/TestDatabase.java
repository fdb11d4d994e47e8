package com.hellobooks.support;

import java.nio.file.Files;
import java.nio.file.Path;

import com.hellobooks.database.EmbeddedPostgresServer;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the tests' PostgreSQL comes from, first match wins:
 * <ol>
 * <li>a server named by {@value #URL_VARIABLE} (tests truncate its tables; never point it at data you keep);</li>
 * <li>a Testcontainers PostgreSQL of the embedded server's major, where Docker is available;</li>
 * <li>otherwise one embedded PostgreSQL for the whole run, the same server the application starts
 *     when nothing is configured ({@link SharedTestPostgres}).</li>
 * </ol>
 * The application's SPRING_DATASOURCE_* variables are hidden from the tests (see the
 * surefire configuration), so running the tests never truncates a database you work with.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    public static final String URL_VARIABLE = "HELLO_BOOKS_TEST_DATABASE_URL";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    /**
     * A JDBC URL for another database on the test server, for contexts that need databases of
     * their own (a primary and a "replica"); empty where the server is a Testcontainers one,
     * whose address is only known to its own context.
     */
    public static java.util.Optional<String> serverUrl(String database) {
        String url = System.getenv(URL_VARIABLE);
        if (url == null) {
            if (new DockerWithoutNamedServer().getMatchOutcome(null, null).isMatch()) {
                return java.util.Optional.empty();
            }
            url = SharedTestPostgres.server().jdbcUrl();
        }
        return java.util.Optional.of(url.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
    }

    @Bean
    @Conditional(NamedServer.class)
    JdbcConnectionDetails namedTestDatabase() {
        return new JdbcConnectionDetails() {

            @Override
            public String getJdbcUrl() {
                return System.getenv(URL_VARIABLE);
            }

            @Override
            public String getUsername() {
                return System.getenv().getOrDefault("HELLO_BOOKS_TEST_DATABASE_USERNAME", "postgres");
            }

            @Override
            public String getPassword() {
                return System.getenv("HELLO_BOOKS_TEST_DATABASE_PASSWORD");
            }
        };
    }

    @Bean
    @Conditional(NeitherNamedServerNorDocker.class)
    JdbcConnectionDetails sharedEmbeddedTestDatabase() {
        EmbeddedPostgresServer server = SharedTestPostgres.server();
        return new JdbcConnectionDetails() {

            @Override
            public String getJdbcUrl() {
                return server.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return null;
            }
        };
    }

    @Bean
    @ServiceConnection
    @Conditional(DockerWithoutNamedServer.class)
    PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
    }

    static class NamedServer extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return System.getenv(URL_VARIABLE) != null
                    ? ConditionOutcome.match(URL_VARIABLE + " is set")
                    : ConditionOutcome.noMatch(URL_VARIABLE + " is not set");
        }
    }

    static class NeitherNamedServerNorDocker extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome docker = new DockerWithoutNamedServer().getMatchOutcome(context, metadata);
            return System.getenv(URL_VARIABLE) == null && !docker.isMatch()
                    ? ConditionOutcome.match("no named server and no Docker: the shared embedded PostgreSQL")
                    : ConditionOutcome.noMatch("a named server or Docker provides the database");
        }
    }

    static class DockerWithoutNamedServer extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (System.getenv(URL_VARIABLE) != null) {
                return ConditionOutcome.noMatch(URL_VARIABLE + " is set");
            }
            return dockerAvailable()
                    ? ConditionOutcome.match("Docker is available")
                    : ConditionOutcome.noMatch("no Docker engine; the embedded PostgreSQL runs the tests");
        }

        /**
         * Asks Testcontainers only where a Docker engine may plausibly be, because its probe
         * logs a wall of errors when there is none.
         */
        static boolean dockerAvailable() {
            boolean configured = System.getenv("DOCKER_HOST") != null
                    || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
            return configured && DockerClientFactory.instance().isDockerAvailable();
        }
    }
}
