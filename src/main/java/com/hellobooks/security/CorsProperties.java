package com.hellobooks.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser pages on other origins that may call the API. None by default: CORS stays off and
 * browsers keep scripts of other sites from reading the API's answers.
 *
 * @param allowedOrigins exact origins such as https://books.example
 * @param maxAge how long a browser may cache a preflight's answer
 */
@ConfigurationProperties("hellobooks.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {

    boolean enabled() {
        return !allowedOrigins.isEmpty();
    }
}
