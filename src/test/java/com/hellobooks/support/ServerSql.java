package com.hellobooks.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain JDBC on a database of the test server ({@link TestDatabase#serverUrl}), from outside
 * the application: to create the databases a context of its own runs on, or to change them
 * under it as a server or an operator would.
 */
public final class ServerSql {

    private ServerSql() {
    }

    public static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl(database).orElseThrow(), "postgres", null);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The single number a query such as {@code SELECT count(*) ...} answers. */
    public static long count(String database, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl(database).orElseThrow(), "postgres", null);
                Statement statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
