package com.hellobooks.web.probes;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
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
    private final String healthPath;
    private final String prometheusPath;

    ProbePortFilter(ProbePort probePort, WebEndpointProperties endpoints) {
        this.probePort = probePort;
        this.healthPath = endpoints.getBasePath() + "/health";
        this.prometheusPath = endpoints.getBasePath() + "/prometheus";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !probePort.received(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The path the container maps, decoded and with dot segments removed, so that
        // /actuator/health/../../books is /books here as it is for the servlet.
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        if (path.equals(healthPath) || path.startsWith(healthPath + "/") || path.equals(prometheusPath)) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
