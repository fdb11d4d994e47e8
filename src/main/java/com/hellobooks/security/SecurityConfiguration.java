package com.hellobooks.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import com.hellobooks.web.filters.CorrelationIdFilter;

/**
 * The one security filter chain. Its two modes hang on whether Spring Boot made a
 * {@link JwtDecoder}, which it does only when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 * {@code public-key-location} is set:
 * <ul>
 * <li>without one, every request is permitted: the original API's clients send no token;</li>
 * <li>with one, writes need a bearer JWT with the {@value #WRITE_SCOPE} scope, and reads stay
 * open unless {@code hellobooks.security.protect-reads} is set.</li>
 * </ul>
 * Both modes are stateless JSON: no session, no CSRF token (nothing rides on a cookie for a
 * cross-site form to abuse), no login page, no HTTP Basic, no {@code /logout}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ApiSecurityProperties.class, CorsProperties.class })
class SecurityConfiguration {

    static final String WRITE_SCOPE = "books:write";

    /** Spring Security's name for a scope granted by the token's {@code scope} or {@code scp} claim. */
    static final String WRITE_AUTHORITY = "SCOPE_" + WRITE_SCOPE;

    /**
     * No observation around each of Spring Security's filters, its authentication or its
     * authorization, and so no observing wrapper around its filter chain at all: with ~10
     * filters per request, their timers and tags were the largest single cost of a GET in a
     * profile. http_server_requests still times every request.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder,
            ApiSecurityProperties security, CorsProperties cors) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // Saving a refused request to replay after a login needs a session and a login page.
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Security's defaults stay (X-Content-Type-Options: nosniff, X-Frame-Options: DENY,
                // HSTS on HTTPS requests) except Cache-Control: its "no-cache, no-store, max-age=0,
                // must-revalidate" on every response would keep caches from storing a book to
                // revalidate with its ETag. ResponseHeadersFilter decides instead.
                .headers(headers -> headers.cacheControl(cache -> cache.disable()));
        if (cors.enabled()) {
            // Before authentication: a browser's preflight never carries the token.
            http.addFilter(corsFilter(cors));
        } else {
            http.cors(AbstractHttpConfigurer::disable);
        }

        if (jwtDecoder.getIfAvailable() == null) {
            return openChain(http);
        }

        SecurityProblems problems = new SecurityProblems();
        http.oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // RFC 9728 metadata at /.well-known/oauth-protected-resource names the scope
                        .protectedResourceMetadata(metadata -> metadata
                                .protectedResourceMetadataCustomizer(builder -> builder.scope(WRITE_SCOPE))))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    // The error dispatch (a GET of /error) renders the answer to a request that was
                    // already let in or refused. Authorized again, it would turn an anonymous 413 or
                    // health 404 into a bodiless 401 once reads are protected.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // Orchestrator probes and Prometheus scrapers carry no tokens. Health shows only
                    // UP or DOWN; keep /actuator/prometheus from the internet at the network level
                    // (ingress, firewall) if its numbers should not be public.
                    requests.requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll();
                    // OPTIONS only tells what a path allows; the CORS preflight is answered before this.
                    requests.requestMatchers(HttpMethod.OPTIONS).permitAll();
                    for (HttpMethod read : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
                        AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl rule = requests.requestMatchers(read);
                        if (security.protectReads()) {
                            rule.authenticated();
                        } else {
                            rule.permitAll();
                        }
                    }
                    // POST, PUT, PATCH, DELETE and any other method: deny by default.
                    requests.anyRequest().hasAuthority(WRITE_AUTHORITY);
                });
        return http.build();
    }

    /**
     * Without a token to read, nobody is authenticated and everything is permitted, so only the
     * firewall (in front of every chain) and the headers stay. The filters that would carry an
     * anonymous identity, authorize it and translate refusals that cannot happen ran on every
     * request for nothing: each also wraps the request, and Spring MVC asks the wrapped request
     * its method once per route it tries. The headers are written when the request comes in,
     * instead of through one more wrapper when the response is committed: none of the API's
     * answers removes them (sendError keeps headers; only Tomcat's own refusals never get here).
     */
    private static SecurityFilterChain openChain(HttpSecurity http) throws Exception {
        return http.headers(headers -> headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Spring Security's firewall refuses URLs that could slip past its path rules (an encoded
     * {@code %}, {@code /./}, {@code //}, {@code ;}) and header values with control characters.
     * Three changes: its 400 becomes a problem with a fixed text (the default is a bare status,
     * and the exception's message would echo what the client sent); any HTTP method gets
     * through, so that {@code PROPFIND /books} stays the 405 with {@code Allow} it always was;
     * and its header rule is checked by {@link HeaderCharacters}, the same rule without a
     * regular expression per header read. Letting methods through loosens nothing: the rules
     * above permit only GET, HEAD and OPTIONS without a token, and any other method needs the
     * write scope.
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        return web -> web.httpFirewall(firewall).requestRejectedHandler((request, response, rejected) ->
                response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                        "Request rejected: the URL or a header holds a character or sequence this API does not accept"));
    }

    private static CorsFilter corsFilter(CorsProperties cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION,
                HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "Prefer", CorrelationIdFilter.HEADER));
        // What a page's script may read: without this it sees only a handful of simple headers.
        configuration.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.LINK,
                CorrelationIdFilter.HEADER, HttpHeaders.RETRY_AFTER, "Preference-Applied", HttpHeaders.WWW_AUTHENTICATE));
        // The token travels in the Authorization header that the page's script sets; the API
        // reads no cookie, so browsers need not send any.
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor());
        return filter;
    }
}
