package com.hellobooks.web.filters;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.hellobooks.web.probes.ProbePaths;
import com.hellobooks.web.probes.ProbePort;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the requests in progress. Past the cap a request waits a moment for a place and then
 * gets 503 with Retry-After at once. Without it, an overload (500 clients against a pool of 10
 * database connections) queues requests in the server until each waits out the connection
 * time-out: every client slow, and the 503s come seconds late. Health probes are never shed,
 * nor is anything on the probe port, whose own few threads bound it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class LoadSheddingFilter extends OncePerRequestFilter {

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore inProgress;
    private final long queueTimeoutMillis;

    private final ProbePaths probes;
    private final ProbePort probePort;

    public LoadSheddingFilter(HttpLimitsProperties limits, ProbePaths probes, ProbePort probePort) {
        this.inProgress = new Semaphore(limits.maxConcurrentRequests());
        this.queueTimeoutMillis = limits.queueTimeout().toMillis();
        this.probes = probes;
        this.probePort = probePort;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // a scrape on the probe port must not wait for, or be refused, a place of the API's
        return probes.health(request) || probePort.received(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = inProgress.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inProgress.release();
        }
    }
}
