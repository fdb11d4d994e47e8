package com.hellobooks.database.replica;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An optional PostgreSQL read replica ({@code hellobooks.datasource.replica.*}). Only the URL
 * turns it on; user and password default to the primary's.
 *
 * @param url JDBC URL of the replica (a streaming standby); unset: every query goes to the primary
 * @param username defaults to spring.datasource.username
 * @param password defaults to spring.datasource.password
 * @param maximumPoolSize connections to the replica
 * @param connectionTimeout how long a read waits for a replica connection before it falls back
 *        to the primary; short, because a read should not pay much for a replica that is down
 * @param retryAfter after a failed connection, how long reads skip the replica altogether
 */
@ConfigurationProperties("hellobooks.datasource.replica")
public record ReplicaProperties(
        String url,
        String username,
        String password,
        @DefaultValue("10") int maximumPoolSize,
        @DefaultValue("250ms") Duration connectionTimeout,
        @DefaultValue("5s") Duration retryAfter) {
}
