package com.hellobooks.database.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** When {@link ReplicaReadRetry} reads again, and that the second read skips the replica. */
class ReplicaReadRetryTest {

    interface Reads {
        String read();
    }

    private final List<String> connectionsFrom = new ArrayList<>();
    private final FallbackDataSource routing = new FallbackDataSource(named("replica"), named("primary"),
            Duration.ofSeconds(5), Clock.systemUTC());
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aReadWhoseReplicaSessionEndedRunsAgainWithTheReplicaSkipped() throws SQLException {
        Reads reads = retried(() -> {
            if (calls.incrementAndGet() == 1) {
                throw sessionEnded();
            }
            return "second attempt";
        });

        assertThat(reads.read()).isEqualTo("second attempt");
        assertThat(calls).hasValue(2);
        routing.getConnection();
        assertThat(connectionsFrom).containsExactly("primary");
    }

    @Test
    void otherFailuresAreTheAnswer() throws SQLException {
        Reads reads = retried(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug, not the replica");
        });

        assertThatThrownBy(reads::read).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
        routing.getConnection();
        assertThat(connectionsFrom).containsExactly("replica");
    }

    @Test
    void aSecondFailureIsTheAnswer() {
        Reads reads = retried(() -> {
            calls.incrementAndGet();
            throw sessionEnded();
        });

        assertThatThrownBy(reads::read).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aReadInsideARunningTransactionIsLeftToThatTransaction() {
        Reads reads = retried(() -> {
            calls.incrementAndGet();
            throw sessionEnded();
        });

        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(reads::read).isInstanceOf(DataAccessResourceFailureException.class);
        }
        finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
        assertThat(calls).hasValue(1);
    }

    private Reads retried(Reads target) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.addAdvice(new ReplicaReadRetry(() -> routing));
        return (Reads) factory.getProxy();
    }

    private static DataAccessResourceFailureException sessionEnded() {
        return new DataAccessResourceFailureException("lost",
                new SQLException("terminating connection due to administrator command", "57P01"));
    }

    private DataSource named(String name) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connectionsFrom.add(name);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
