package com.hellobooks.database.replica;

import java.time.Duration;
import java.util.function.Supplier;

import com.hellobooks.database.retry.DatabaseFailures;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a read-only transaction a second time, on the primary, when the replica's connection
 * broke under it. {@link FallbackDataSource} only sees a replica that refuses connections; a
 * standby that shuts down or restarts also ends the sessions the pool already holds, and the
 * reads running on them (or about to run on them: the pool does not test a connection used
 * in the last half second) fail. Without this, each such read is an error for the client.
 *
 * <p>Sits outside the transaction interceptor, so the second attempt is a new transaction.
 * A read changes nothing, so running it again is safe. Only a transaction of its own is run
 * again: a read-only method called inside a running transaction is left to that one. The
 * replica is skipped for its {@code retry-after} first, so the second attempt goes to the
 * primary instead of to another pooled connection of the same dead server; at once, because
 * the primary has no reason to be away too. A second failure is the client's answer (503 when
 * the primary is down too).
 */
final class ReplicaReadRetry implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReplicaReadRetry.class);

    private final RetryTemplate retry;

    ReplicaReadRetry(Supplier<FallbackDataSource> replica) {
        retry = new RetryTemplate(RetryPolicy.builder()
                .predicate(failure -> failure instanceof RuntimeException && DatabaseFailures.sessionLost(failure)
                        && replica.get() != null)
                .maxRetries(1)
                .delay(Duration.ZERO)
                .build());
        retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> read, RetryState state) {
                String reason = state.getLastException().getMessage();
                log.info("A read lost its replica connection ({}); reading it again from the primary", reason);
                replica.get().skipReplica(reason);
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
            // a clone per attempt: a MethodInvocation runs the rest of the chain only once
            return retry.execute(() -> proxied.invocableClone().proceed());
        } catch (RetryException ex) {
            throw ex.getCause();
        }
    }
}
