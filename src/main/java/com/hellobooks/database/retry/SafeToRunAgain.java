package com.hellobooks.database.retry;

/**
 * Thrown by code that runs a transaction of its own (a keyed POST) when an attempt failed in a
 * way that code knows is safe to run again, so {@link UnreachedDatabaseRetry} does, within the
 * budget: nothing of it was committed (no connection, a read-only server, a session lost
 * before the commit was sent, which the server rolls back), or a commit went unconfirmed and
 * the next run finds out by itself whether it happened (a keyed POST's key is written in the
 * same transaction). The cause is the failure.
 */
public final class SafeToRunAgain extends RuntimeException {

    public SafeToRunAgain(Throwable cause) {
        super(cause.getMessage(), cause, false, false);
    }
}
