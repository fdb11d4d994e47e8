package com.hellobooks.database.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The replica, with the primary behind it: when the replica cannot hand out a connection the
 * read goes to the primary instead, and the replica is left alone for {@code retryAfter} so
 * that reads do not each wait out its connection time-out. Clients never see the replica's
 * outage; they only read from the primary for a while.
 */
class FallbackDataSource extends DelegatingDataSource {

    private static final Logger log = LoggerFactory.getLogger(FallbackDataSource.class);

    private final DataSource primary;
    private final Duration retryAfter;
    private final Clock clock;
    private final AtomicLong skipUntil = new AtomicLong();

    FallbackDataSource(DataSource replica, DataSource primary, Duration retryAfter, Clock clock) {
        super(replica);
        this.primary = primary;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long now = clock.millis();
        if (now < skipUntil.get()) {
            return primary.getConnection();
        }
        try {
            return obtainTargetDataSource().getConnection();
        }
        catch (SQLException e) {
            skipReplica(e.getMessage());
            return primary.getConnection();
        }
    }

    /**
     * Reads go to the primary for {@code retryAfter}: the replica could not give a connection,
     * or one it gave broke under a read ({@link ReplicaReadRetry}).
     */
    void skipReplica(String reason) {
        long now = clock.millis();
        // Only the first failure of an outage is logged; the rest are the same news.
        if (skipUntil.getAndSet(now + retryAfter.toMillis()) < now) {
            log.warn("Read replica unavailable ({}); reading from the primary for {}", reason, retryAfter);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }
}
