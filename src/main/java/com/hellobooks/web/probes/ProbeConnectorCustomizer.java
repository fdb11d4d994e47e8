package com.hellobooks.web.probes;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Adds the probe port ({@code hellobooks.probes.port}) as a second Tomcat connector on the same
 * application, so the probes there are the very endpoints of the API port. The connector has
 * its own acceptor, poller, accept queue and a few platform threads: Spring Boot's settings for
 * the API's connector ({@code server.tomcat.threads.*}, virtual threads) are not applied to it,
 * so API traffic, however much, never occupies what the probes need.
 *
 * <p>Not Spring Boot's {@code management.server.port}: that moves every actuator endpoint to the
 * management port, and the contract keeps {@code /actuator/health} and
 * {@code /actuator/prometheus} on the API port.
 */
@Component
@EnableConfigurationProperties(ProbesProperties.class)
class ProbeConnectorCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    /**
     * A probe takes about a millisecond; readiness may wait up to the pool's connection time-out
     * (1 s) for its database check while the pool is exhausted. Four threads let liveness, a
     * readiness check, a scrape and a load balancer's check run at once; more wait in the probe
     * connector's own queue.
     */
    static final int THREADS = 4;

    private final ProbesProperties probes;
    private final ProbePort probePort;

    ProbeConnectorCustomizer(ProbesProperties probes, ProbePort probePort) {
        this.probes = probes;
        this.probePort = probePort;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (probes.port() == null) {
            return;
        }
        Connector connector = new Connector(factory.getProtocol());
        connector.setPort(probes.port());
        // as Spring Boot does for the API's connector: a port in use stops the start
        connector.setThrowOnFailure(true);
        if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
            // the API's interface (server.address), where a load balancer or kubelet reaches it
            protocol.setAddress(factory.getAddress());
            protocol.setMaxThreads(THREADS);
            protocol.setMinSpareThreads(THREADS);
        }
        factory.addAdditionalConnectors(connector);
        probePort.listenOn(connector);
    }

    // After Spring Boot's own customizers, which set server.address on the factory.
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
