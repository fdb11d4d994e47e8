package com.hellobooks.database.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures end a session, and which are safe to retry because nothing reached the database. */
class DatabaseFailuresTest {

    private static final SQLException REFUSED = new SQLException("Connection to 127.0.0.1:5000 refused", "08001", new ConnectException());

    @Test
    void aLostSessionIsAConnectionExceptionOrTheServerEndingItNotTheQueryFailing() {
        assertThat(DatabaseFailures.sessionLost(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(DatabaseFailures.sessionLost(new RuntimeException(new SQLException("shutting down", "57P01")))).isTrue();
        assertThat(DatabaseFailures.sessionLost(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseFailures.sessionLost(new SQLException("canceled", "57014"))).isFalse();
    }

    @Test
    void aPoolThatCouldNotConnectOrAReadOnlyServerReachedNothing() {
        SQLTransientConnectionException couldNotConnect = new SQLTransientConnectionException("request timed out after 1000ms", REFUSED);
        assertThat(DatabaseFailures.nothingReachedTheDatabase(new CannotCreateTransactionException("Could not open JPA EntityManager", couldNotConnect)))
                .isTrue();
        assertThat(DatabaseFailures.nothingReachedTheDatabase(new RuntimeException(new SQLException("cannot execute INSERT in a read-only transaction", "25006"))))
                .isTrue();
    }

    @Test
    void aBusyPoolOrABrokenStatementMayHaveWrittenOrIsOursSoIsNotRetried() {
        // every connection busy: a quick 503 instead of a pile-up
        assertThat(DatabaseFailures.nothingReachedTheDatabase(new SQLTransientConnectionException("request timed out after 1000ms"))).isFalse();
        // the session broke while a statement or the commit was on its way: it may have been written
        assertThat(DatabaseFailures.nothingReachedTheDatabase(new SQLException("An I/O error occurred while sending to the backend", "08006"))).isFalse();
        assertThat(DatabaseFailures.nothingReachedTheDatabase(new SQLException("terminating connection due to administrator command", "57P01"))).isFalse();
        assertThat(DatabaseFailures.nothingReachedTheDatabase(new SQLException("duplicate key", "23505"))).isFalse();
    }

    @Test
    void everyOneOfThemIsTheDatabaseBeingUnavailable() {
        assertThat(DatabaseFailures.databaseUnavailable(new SQLTransientConnectionException("request timed out after 1000ms"))).isTrue();
        assertThat(DatabaseFailures.databaseUnavailable(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(DatabaseFailures.databaseUnavailable(new SQLException("read-only", "25006"))).isTrue();
        // Spring's words for a database it could not use, whatever lies below
        assertThat(DatabaseFailures.databaseUnavailable(new CannotCreateTransactionException("Could not open JPA EntityManager"))).isTrue();
        assertThat(DatabaseFailures.databaseUnavailable(new DataAccessResourceFailureException("Unable to commit against JDBC Connection"))).isTrue();
        assertThat(DatabaseFailures.databaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseFailures.databaseUnavailable(new DataIntegrityViolationException("duplicate key"))).isFalse();
    }
}
