package com.hellobooks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.hellobooks.database.EmbeddedPostgresProperties;
import com.hellobooks.database.EmbeddedPostgresServer;

/**
 * One embedded PostgreSQL for the whole test run, shared by every Spring context that needs a
 * database (the main API context and the few with other properties). Each context starting its
 * own server on one data directory would collide; one server per context would cost seconds each.
 */
final class SharedTestPostgres {

    private static EmbeddedPostgresServer server;

    private SharedTestPostgres() {
    }

    static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(new EmbeddedPostgresProperties(true, Path.of("target/test-postgres"),
                    Path.of(".data/postgres-binaries"), 0, "hello_books_test"));
            Runtime.getRuntime().addShutdownHook(new Thread(SharedTestPostgres::stop, "test-postgres-stop"));
        }
        return server;
    }

    private static void stop() {
        try {
            server.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
