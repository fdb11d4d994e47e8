package com.hellobooks.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says in one line which database a server configured from outside is using (the embedded one says so itself). */
@Component
class DatabaseInUseLog {

    private static final Logger log = LoggerFactory.getLogger(DatabaseInUseLog.class);

    private final ObjectProvider<EmbeddedPostgresServer> embedded;
    private final ObjectProvider<JdbcConnectionDetails> connectionDetails;

    DatabaseInUseLog(ObjectProvider<EmbeddedPostgresServer> embedded, ObjectProvider<JdbcConnectionDetails> connectionDetails) {
        this.embedded = embedded;
        this.connectionDetails = connectionDetails;
    }

    @EventListener(ApplicationReadyEvent.class)
    void logDatabase() {
        if (embedded.getIfAvailable() != null) {
            return;
        }
        JdbcConnectionDetails details = connectionDetails.getIfAvailable();
        if (details != null) {
            // The query string may carry a password; the host and database are what an operator needs.
            String url = details.getJdbcUrl();
            log.info("Database: {}", url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
        }
    }
}
