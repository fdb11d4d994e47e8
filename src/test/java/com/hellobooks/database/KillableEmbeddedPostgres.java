package com.hellobooks.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerTest}: starts the embedded server,
 * commits rows one by one, reporting each commit once PostgreSQL has acknowledged it, then
 * waits to be killed with SIGKILL.
 */
public final class KillableEmbeddedPostgres {

    static final int ROWS = 50;
    static final String ACKNOWLEDGED = "acknowledged ";
    static final String DONE = "done";

    private KillableEmbeddedPostgres() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                new EmbeddedPostgresProperties(true, Path.of(args[0]), Path.of(args[1]), 0, "hello_books_test"));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE acknowledged (n int PRIMARY KEY)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledged VALUES (?)")) {
                for (int n = 1; n <= ROWS; n++) {
                    insert.setInt(1, n);
                    insert.executeUpdate(); // auto-commit: returns once the commit is acknowledged
                    System.out.println(ACKNOWLEDGED + n);
                }
            }
            System.out.println(DONE);
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
