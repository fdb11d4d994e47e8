package com.hellobooks.web.probes;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A port of its own for health probes and metrics scraping.
 *
 * @param port a second HTTP port where /actuator/health (with /liveness and /readiness) and
 *        /actuator/prometheus answer on threads of their own, so they never wait behind API
 *        traffic; every other path there is a 404. The API port keeps answering them too.
 *        Unset: no probe port. Set it in production and point orchestrators, load balancers
 *        and scrapers at it. 0: any free port, written in the log at start.
 */
@ConfigurationProperties("hellobooks.probes")
public record ProbesProperties(Integer port) {
}
