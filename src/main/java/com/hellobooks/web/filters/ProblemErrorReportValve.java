package com.hellobooks.web.filters;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat rejects some requests before any servlet sees them (a malformed or encoded-slash
 * URL, a %00, headers over the limit) and answers with its own HTML page. This valve
 * answers those with a problem body instead, so that every error of the API is
 * {@code application/problem+json}. Errors that Spring already rendered are left alone.
 */
// Public with a no-argument constructor: Tomcat creates it from its class name.
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // No filter ran (CorrelationIdFilter among them), so the id is given here; a caller's own
        // plain-token id is kept, as the filter would.
        String correlationId = CorrelationIdFilter.idFor(response.getHeader(CorrelationIdFilter.HEADER),
                request.getHeader(CorrelationIdFilter.HEADER));
        log.debug("Refused by the server before the application saw it: {}, correlation id {}", status, correlationId);
        try {
            String body = FixedProblem.prepare(response, status, correlationId);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ex) {
            // the client is gone or the response is committed; nothing more to tell it
        }
    }
}
