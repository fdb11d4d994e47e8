package com.hellobooks.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("hellobooks.http")
public record HttpLimitsProperties(@DefaultValue("1MB") DataSize maxRequestBody) {
}
