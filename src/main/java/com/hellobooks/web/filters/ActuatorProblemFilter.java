package com.hellobooks.web.filters;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Actuator endpoints answer some errors with a bare status and no body: the health endpoint
 * gives an empty 404 for a group or component it does not show ({@code /actuator/health/nope}).
 * Such a response is turned into a {@code sendError}, so that {@code ProblemErrorController}
 * answers it with a problem like every other error of the API. Responses with a body, such as
 * readiness's 503 {@code {"status":"DOWN"}}, are left as they are: probes read that body.
 */
@Component
class ActuatorProblemFilter extends OncePerRequestFilter {

    private final String basePath;

    ActuatorProblemFilter(WebEndpointProperties endpoints) {
        this.basePath = endpoints.getBasePath();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(basePath) || path.startsWith(basePath + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyTrackingResponse tracked = new BodyTrackingResponse(response);
        chain.doFilter(request, tracked);
        if (tracked.getStatus() >= 400 && !tracked.bodyStarted && !response.isCommitted()) {
            response.sendError(tracked.getStatus());
        }
    }

    /** Notes whether anything asked for the body; nothing did for a bare status. */
    private static final class BodyTrackingResponse extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        BodyTrackingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }
    }
}
