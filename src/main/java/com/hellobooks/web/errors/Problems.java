package com.hellobooks.web.errors;

import java.net.URI;

import com.hellobooks.web.filters.CorrelationIdFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** What every problem body carries besides RFC 9457's fields. */
final class Problems {

    private Problems() {
    }

    private static final URI BLANK_TYPE = URI.create("about:blank");

    static ProblemDetail complete(ProblemDetail problem, HttpStatusCode status) {
        if (problem.getType() == null) {
            // RFC 9457's default, written out as the contract's examples show it
            problem.setType(BLANK_TYPE);
        }
        if (problem.getDetail() == null) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setDetail(known != null ? known.getReasonPhrase() : "Error " + status.value());
        }
        // The original Flask API's clients read "message"; RFC 9457 clients read "detail".
        problem.setProperty("message", problem.getDetail());
        String correlationId = CorrelationIdFilter.currentId();
        if (correlationId != null) {
            problem.setProperty("correlation_id", correlationId);
        }
        return problem;
    }
}
