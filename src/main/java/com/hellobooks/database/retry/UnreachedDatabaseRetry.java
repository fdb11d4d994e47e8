package com.hellobooks.database.retry;

import java.time.Duration;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a transaction again, within a time budget, while the database cannot be reached: during
 * a failover no primary takes connections for a few seconds, and an old primary refuses
 * writes. Only failures that {@link DatabaseFailures#nothingReachedTheDatabase} calls safe are
 * retried, and a {@link SafeToRunAgain} of code that knows its transaction may run again;
 * a write whose statement or commit was in flight when the connection broke is otherwise
 * never sent again (that is what the Idempotency-Key is for). Backs off from 100 ms to 1 s, so a
 * request sees the new primary within a second of its arrival.
 *
 * <p>Sits outside the transaction interceptor, so each attempt is a new transaction. A method
 * called inside a running transaction is left to that one.
 */
public final class UnreachedDatabaseRetry implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(UnreachedDatabaseRetry.class);

    /**
     * Request attribute of a request that runs whole as one attempt of this retry (a keyed
     * POST): its handler's 503 for a failure the retry runs again is an attempt's, not the
     * answer, and is logged as such; the retry's caller logs the answer.
     */
    public static final String ATTEMPTS = UnreachedDatabaseRetry.class.getName() + ".ATTEMPTS";

    private final RetryTemplate retry;
    private final Runnable evictPool;

    /**
     * @param evictPool empties the primary's pool: after a failover each of its connections may
     *        lead to the old primary, which takes no writes, and Hikari keeps them (25006 is not
     *        among its fatal SQL states)
     */
    UnreachedDatabaseRetry(Duration budget, Runnable evictPool) {
        this.evictPool = evictPool;
        RetryPolicy policy = RetryPolicy.builder()
                .predicate(ex -> ex instanceof SafeToRunAgain || DatabaseFailures.nothingReachedTheDatabase(ex))
                .timeout(budget)
                .maxRetries(budget.isZero() ? 0 : Long.MAX_VALUE)
                .delay(Duration.ofMillis(100))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(1))
                .build();
        this.retry = new RetryTemplate(policy);
        this.retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
                log.debug("The database was not reached, or the attempt is safe to run again; trying again");
            }
        });
    }

    /** Runs the action, and again while it fails without reaching the database; then its last failure. */
    public <T> T run(Supplier<T> action) {
        return retry.invoke(() -> {
            try {
                return action.get();
            } catch (RuntimeException ex) {
                if (DatabaseFailures.readOnlyServer(ex)) {
                    log.info("The primary's address led to a read-only server; emptying the pool");
                    evictPool.run();
                }
                throw ex;
            }
        });
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                || !(invocation instanceof ProxyMethodInvocation proxied)) {
            return invocation.proceed();
        }
        try {
            return run(() -> {
                try {
                    // a clone per attempt: a MethodInvocation runs the rest of the chain only once
                    return proxied.invocableClone().proceed();
                } catch (RuntimeException | Error ex) {
                    throw ex;
                } catch (Throwable ex) {
                    throw new CheckedFailure(ex);
                }
            });
        } catch (CheckedFailure ex) {
            throw ex.getCause();
        }
    }

    /** A checked exception of the method, carried through the retry unchanged in meaning. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Throwable cause) {
            super(cause);
        }
    }
}
