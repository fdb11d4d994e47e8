package com.hellobooks.web.filters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.hellobooks.web.probes.ProbePaths;
import com.hellobooks.web.probes.ProbePort;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the requests in progress. Past the cap a request waits a moment for a place and then
 * gets 503 with Retry-After at once. Without it, an overload (500 clients against a pool of 16
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

    public LoadSheddingFilter(HttpLimitsProperties limits,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize, ProbePaths probes, ProbePort probePort) {
        // Not fair: a fair semaphore hands each freed place to the longest-waiting thread, which
        // must be woken first; with every place taken, GET throughput fell to half.
        this.inProgress = new Semaphore(limits.permits(poolSize));
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
            turnAway(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inProgress.release();
        }
    }

    /**
     * Written here rather than through {@code sendError}: past the cap most requests end here,
     * and an error dispatch through Spring MVC doubles what each of them costs.
     */
    private static void turnAway(HttpServletResponse response) throws IOException {
        // CorrelationIdFilter, ordered first, has given this request its id
        String correlationId = CorrelationIdFilter.currentId();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        String body = FixedProblem.prepare(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, correlationId);
        response.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
    }
}
