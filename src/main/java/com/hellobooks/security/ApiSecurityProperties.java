package com.hellobooks.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may do what once tokens are checked, that is once an issuer or a key is configured
 * under {@code spring.security.oauth2.resourceserver.jwt}. Without one every request is open.
 *
 * @param protectReads whether GET and HEAD also need a valid token (any scope); by default
 *        reads stay open, as in the original API, and only writes need the books:write scope
 */
@ConfigurationProperties("hellobooks.security")
public record ApiSecurityProperties(@DefaultValue("false") boolean protectReads) {
}
