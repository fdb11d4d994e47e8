package com.hellobooks.web.metrics;

import io.micrometer.common.KeyValues;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * What each request's observation records: the tags of the {@code http_server_requests} timer,
 * as Spring's default convention gives them, and none of its high-cardinality values. Those
 * (the request's full URL) are for a tracer's spans; without a tracer nothing reads them, yet
 * they were computed and stored at the end of every request. With Micrometer Tracing on the
 * class path this bean steps aside and Spring Boot's default convention is back.
 */
@Component
@ConditionalOnMissingClass("io.micrometer.tracing.Tracer")
class RequestMetricsConvention extends DefaultServerRequestObservationConvention {

    /** The meter's name as Boot's own convention takes it: management.observations.http.server.requests.name. */
    RequestMetricsConvention(ObservationProperties observations) {
        super(observations.getHttp().getServer().getRequests().getName());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
        return KeyValues.empty();
    }
}
