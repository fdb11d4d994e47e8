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
 *        then get 503 with Retry-After. Unset: two and a half times the database pool's
 *        size, rounded up (spring.datasource.hikari.maximum-pool-size, 16 by default: 40). Up
 *        to there a request waits for a connection at the pool, which every request passes
 *        anyway; past it a request waits here, briefly, instead of at the pool for its 1 s
 *        connection time-out. More in progress than that would only add threads waiting at
 *        the pool, and slow the 503s and the probes under overload.
 * @param queueTimeout how long a request may wait for a place before it is turned away
 */
@ConfigurationProperties("hellobooks.http")
public record HttpLimitsProperties(
        @DefaultValue("1MB") DataSize maxRequestBody,
        Integer maxConcurrentRequests,
        @DefaultValue("250ms") Duration queueTimeout) {

    /** The cap on requests in progress for a database pool of {@code poolSize} connections. */
    public int permits(int poolSize) {
        return maxConcurrentRequests != null ? maxConcurrentRequests : (5 * poolSize + 1) / 2;
    }
}
