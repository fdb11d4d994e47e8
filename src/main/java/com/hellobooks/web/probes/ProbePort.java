package com.hellobooks.web.probes;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** The port of the probe connector, once it listens, and whether a request came in through it. */
@Component
public class ProbePort implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ProbePort.class);
    private static final int NONE = -1;

    private volatile Connector connector;
    private volatile int port = NONE;

    void listenOn(Connector probeConnector) {
        this.connector = probeConnector;
    }

    /** The port the probes answer on, or -1 when there is no probe port. */
    public int port() {
        int known = port;
        Connector probes = connector;
        if (known == NONE && probes != null) {
            // Bound before the first request can arrive; asked once, since the connector
            // looks its port up by reflection.
            known = probes.getLocalPort();
            port = known > 0 ? known : NONE;
        }
        return known > 0 ? known : NONE;
    }

    /** True for a request that arrived on the probe port. */
    public boolean received(HttpServletRequest request) {
        int probes = port();
        return probes != NONE && request.getLocalPort() == probes;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (port() != NONE) {
            log.info("Probes on port {}: /actuator/health and /actuator/prometheus, on {} threads of their own",
                    port(), ProbeConnectorCustomizer.THREADS);
        }
    }
}
