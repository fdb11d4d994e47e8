package com.hellobooks.web.filters;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what clients may ask of the server.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 * @param maxConcurrentRequests requests served at once; more wait up to queue-timeout,
 *        then get 503 with Retry-After. A few times the database pool is enough to keep the
 *        pool busy without queueing for it for long.
 * @param queueTimeout how long a request may wait for a place before it is turned away
 */
@ConfigurationProperties("hellobooks.http")
public record HttpLimitsProperties(
        @DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue("64") int maxConcurrentRequests,
        @DefaultValue("250ms") Duration queueTimeout) {
}
