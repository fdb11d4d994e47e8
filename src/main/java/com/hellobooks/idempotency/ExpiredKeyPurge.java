package com.hellobooks.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Removes expired keys on every instance, one bounded batch per statement, in autocommit, so a
 * purge holds few rows for a short time; instances purging at once skip each other's rows.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class ExpiredKeyPurge {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeyPurge.class);

    /** Batches per run at most, so one run ends even while keys expire faster than it removes them. */
    private static final int MAX_BATCHES = 100;

    private final StoredResponses responses;
    private final int batch;

    ExpiredKeyPurge(StoredResponses responses, IdempotencyProperties properties) {
        this.responses = responses;
        this.batch = properties.purgeBatch();
    }

    @Scheduled(fixedDelayString = "${hellobooks.idempotency.purge-interval:1m}", initialDelayString = "${hellobooks.idempotency.purge-interval:1m}")
    void purge() {
        try {
            int removed = 0;
            for (int i = 0; i < MAX_BATCHES; i++) {
                int batchRemoved = responses.purgeExpired();
                removed += batchRemoved;
                if (batchRemoved < batch) {
                    break;
                }
            }
            if (removed > 0) {
                log.debug("Removed {} expired idempotency keys", removed);
            }
        } catch (DataAccessException ex) {
            // the next run tries again; while the database is away there is nothing to do
            log.debug("Could not remove expired idempotency keys: {}", ex.getMessage());
        }
    }
}
