package com.hellobooks.database;

/** The embedded PostgreSQL could not start; {@link #action()} says what the user can do about it. */
public class EmbeddedPostgresException extends RuntimeException {

    private final String action;

    EmbeddedPostgresException(String message, String action) {
        this(message, action, null);
    }

    EmbeddedPostgresException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
