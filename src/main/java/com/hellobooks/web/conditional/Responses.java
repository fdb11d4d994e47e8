package com.hellobooks.web.conditional;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

/** The shapes of successful answers, with the ETag every single resource carries. */
public final class Responses {

    private static final String RETURN_REPRESENTATION = "return=representation";

    private Responses() {
    }

    /**
     * 200 with the ETag; Spring answers an If-None-Match that lists it with 304. Spring honours
     * {@code If-None-Match: *} only on unsafe methods, but on a GET too it is false whenever the
     * resource exists (RFC 9110, 13.1.2), and this one was just read: 304.
     */
    public static <T> ResponseEntity<T> ok(WebRequest request, Tagged<T> resource) {
        String[] ifNoneMatch = request.getHeaderValues(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch).map(ETag::parse).flatMap(List::stream).anyMatch(ETag::isWildcard)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(resource.etag()).build();
        }
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
