package com.hellobooks.database.retry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request goes on trying to reach the database before it answers 503.
 *
 * @param retryBudget the time a request may spend retrying what never reached the database
 *        (about what a failover takes); 0 answers 503 at the first failure
 */
@ConfigurationProperties("hellobooks.datasource")
public record DatabaseRetryProperties(@DefaultValue("8s") Duration retryBudget) {
}
