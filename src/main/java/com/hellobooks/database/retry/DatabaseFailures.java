package com.hellobooks.database.retry;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/** What a failure says about the database: gone, or never reached. */
public final class DatabaseFailures {

    /** SQL state of a write sent to a server in recovery: a standby, or an old primary. */
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private DatabaseFailures() {
    }

    /**
     * The session is gone: an SQL state of class 08 (connection exception) or 57P (operator
     * intervention: the server is shutting down, or ended the session), a socket error,
     * Hibernate's word for either, or a transaction it could no longer roll back (a broken
     * connection often surfaces as that, with only the pool's "Connection is closed" below).
     */
    public static boolean sessionLost(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SocketException
                    || cause instanceof TransactionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Nothing of the request reached a server that could have written it, so running it again
     * is safe: no connection could be opened (the pool timed out while its last attempt to
     * connect failed; a pool that is merely busy has no such cause, and stays a fast 503), or
     * the server refused to write because it is read-only. A failure after a statement was sent
     * to a writable server is never one of these: its write may have happened.
     */
    public static boolean nothingReachedTheDatabase(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException timeout && timeout.getCause() != null) {
                return true;
            }
        }
        return readOnlyServer(ex);
    }

    /**
     * Of a failure before the commit: the transaction wrote nothing, because no server that
     * could write was reached, or because the session ended first and the server rolled the
     * transaction back. A keyed POST that failed so runs again whole.
     */
    public static boolean wroteNothingBeforeCommit(Throwable ex) {
        return nothingReachedTheDatabase(ex) || sessionLost(ex);
    }

    /**
     * The request failed for want of a database, not through its own fault: the session is
     * gone, the database could not be reached (Spring's words for it: a transaction that could
     * not be started, a resource failure), or every pooled connection was busy. A 503.
     */
    public static boolean databaseUnavailable(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        // every pool time-out is caught above, so of nothingReachedTheDatabase only the read-only server remains
        return sessionLost(ex) || readOnlyServer(ex);
    }

    /** The server refused a write because it is in recovery: the primary's address leads to a standby. */
    static boolean readOnlyServer(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && READ_ONLY_SQL_TRANSACTION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
