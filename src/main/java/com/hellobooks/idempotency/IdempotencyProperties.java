package com.hellobooks.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the answers to POSTs sent with an {@code Idempotency-Key} are kept.
 *
 * @param retention how long a key replays its first answer; after that it is free again
 * @param purgeInterval how often each instance removes expired keys
 * @param purgeBatch keys removed per statement, so a purge never holds many rows at once
 */
@ConfigurationProperties("hellobooks.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("1m") Duration purgeInterval,
        @DefaultValue("1000") int purgeBatch) {
}
