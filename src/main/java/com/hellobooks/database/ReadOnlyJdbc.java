package com.hellobooks.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SQL for the reads that are one statement (a book, a page of a list): sent in autocommit,
 * outside any transaction, on a connection marked read-only.
 *
 * <p>Why not a {@code @Transactional(readOnly = true)} method with Hibernate: the transaction
 * adds a COMMIT round trip to every read (pgbench: the app's BEGIN READ ONLY, SELECT, COMMIT
 * ran at 27% of the bare SELECT's rate), and building entities to copy them into response
 * records was most of the app's own CPU per read. One statement needs no transaction to be
 * consistent. Marked read-only, the connection still goes to the read replica when one is
 * configured (see {@code database.replica}); otherwise read-only costs nothing in autocommit.
 *
 * <p>Never call it inside a transaction: it takes its own connection, which would not see
 * that transaction's writes. It checks.
 */
@Component
public class ReadOnlyJdbc {

    private final JdbcClient jdbc;

    ReadOnlyJdbc(DataSource dataSource) {
        this.jdbc = JdbcClient.create(new ReadOnlyConnections(dataSource));
    }

    public JdbcClient.StatementSpec sql(String sql) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ReadOnlyJdbc inside a transaction would not see its writes");
        }
        return jdbc.sql(sql);
    }

    private static final class ReadOnlyConnections extends DelegatingDataSource {

        ReadOnlyConnections(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            connection.setReadOnly(true);
            return connection;
        }
    }
}
