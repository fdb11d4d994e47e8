package com.hellobooks.web.probes;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the probe port only health and metrics answer; any other path there is a 404 problem, as
 * an unknown path is, so the port's few threads serve probes only and the API is not reachable
 * around the API port's limits. Requests on the API port pass untouched.
 */
@Component
// After CorrelationIdFilter, so the 404 carries the request's id; before Spring Security, so
// the answer is a 404 whatever tokens are required.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ProbePortFilter extends OncePerRequestFilter {

    private final ProbePort probePort;
    private final ProbePaths probes;

    ProbePortFilter(ProbePort probePort, ProbePaths probes) {
        this.probePort = probePort;
        this.probes = probes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !probePort.received(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (probes.probe(request)) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
