package com.hellobooks.idempotency;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.ContentCachingResponseWrapper;

/** The first answer to a keyed POST: what a replay sends again, byte for byte. */
record StoredResponse(byte[] fingerprint, int status, String contentType, String location, String etag, byte[] body) {

    /** Response header that tells a replayed answer from the first one (as Stripe's API names it). */
    static final String REPLAYED = "Idempotent-Replayed";

    static StoredResponse of(byte[] fingerprint, ContentCachingResponseWrapper answer) {
        return new StoredResponse(fingerprint, answer.getStatus(), answer.getContentType(),
                answer.getHeader(HttpHeaders.LOCATION), answer.getHeader(HttpHeaders.ETAG), answer.getContentAsByteArray());
    }

    void replay(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.LOCATION, location);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(REPLAYED, "true");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
