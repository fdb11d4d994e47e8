package com.hellobooks.web.probes;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.stereotype.Component;

/**
 * Which requests are probes: health ({@code /actuator/health} and its groups) and the
 * Prometheus scrape, under the configured actuator base path. Read from the path the
 * container maps, decoded and with dot segments removed, so that
 * {@code /actuator/health/../../books} is {@code /books} here as it is for the servlet.
 */
@Component
public class ProbePaths {

    private final String health;
    private final String prometheus;

    ProbePaths(WebEndpointProperties endpoints) {
        this.health = endpoints.getBasePath() + "/health";
        this.prometheus = endpoints.getBasePath() + "/prometheus";
    }

    /** Health or one of its groups: never shed. */
    public boolean health(HttpServletRequest request) {
        String path = path(request);
        return path.equals(health) || path.startsWith(health + "/");
    }

    /** What the probe port serves: health and the Prometheus scrape. */
    boolean probe(HttpServletRequest request) {
        return health(request) || path(request).equals(prometheus);
    }

    private static String path(HttpServletRequest request) {
        return request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    }
}
