package com.hellobooks.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows why the embedded PostgreSQL did not start as Spring Boot's "APPLICATION FAILED TO START" report. */
class EmbeddedPostgresFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
