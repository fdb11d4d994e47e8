package com.hellobooks.web.filters;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A problem body of fixed texts for answers written without Spring MVC's error dispatch: the
 * requests Tomcat refuses before any filter runs, and the load shedder's 503s, which must stay
 * cheap when they are most of what the server does. The shape is that of every other problem
 * of the API (ProblemErrorController's); only the status's reason and the correlation id go
 * into it, nothing of the request is echoed back.
 */
final class FixedProblem {

    private FixedProblem() {
    }

    /**
     * Sets the headers of a problem, with those every error carries ({@link ResponseHeadersFilter}
     * may not have run), and answers the body to write, ASCII only; the status is the caller's
     * to set.
     */
    static String prepare(HttpServletResponse response, int status, String correlationId) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known != null ? known.getReasonPhrase() : "Error";
        response.setHeader(CorrelationIdFilter.HEADER, correlationId);
        response.setContentType("application/problem+json");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "{\"type\":\"about:blank\",\"title\":\"" + reason + "\",\"status\":" + status
                + ",\"detail\":\"" + reason + "\",\"message\":\"" + reason + "\",\"correlation_id\":\"" + correlationId + "\"}";
    }
}
