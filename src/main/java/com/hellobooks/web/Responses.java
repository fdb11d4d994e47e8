package com.hellobooks.web;

import java.net.URI;

import org.springframework.http.ResponseEntity;

/** The shapes of successful answers, with the ETag every single resource carries. */
public final class Responses {

    private static final String RETURN_REPRESENTATION = "return=representation";

    private Responses() {
    }

    /** 200 with the ETag; Spring answers If-None-Match with 304 from it. */
    public static <T> ResponseEntity<T> ok(Tagged<T> resource) {
        return ResponseEntity.ok().eTag(resource.etag()).body(resource.body());
    }

    public static <T> ResponseEntity<T> created(URI location, Tagged<T> resource) {
        return ResponseEntity.created(location).eTag(resource.etag()).body(resource.body());
    }

    /**
     * 204 with the new ETag, as the original API answers PUT; 200 with the resource when the
     * client sends {@code Prefer: return=representation} (RFC 7240).
     */
    public static <T> ResponseEntity<T> updated(Tagged<T> resource, String prefer) {
        if (prefer != null && prefer.contains(RETURN_REPRESENTATION)) {
            return ResponseEntity.ok().eTag(resource.etag()).header("Preference-Applied", RETURN_REPRESENTATION).body(resource.body());
        }
        return ResponseEntity.noContent().eTag(resource.etag()).build();
    }
}
