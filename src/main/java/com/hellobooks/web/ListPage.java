package com.hellobooks.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a list, as answered: the body stays a plain JSON array (what the original API's
 * clients parse), and the way on is an RFC 8288 {@code Link: <...>; rel="next"} header that
 * repeats the request's filters and sort with the next cursor.
 */
public record ListPage<T>(List<T> items, String nextCursor) {

    public static <E, T> ListPage<T> of(Window<E> window, ListRequest request, Function<E, T> mapper) {
        List<T> items = window.getContent().stream().map(mapper).toList();
        String next = null;
        if (window.hasNext() && !window.isEmpty()
                && window.positionAt(window.size() - 1) instanceof KeysetScrollPosition last) {
            next = Cursors.encode(request.sort(), last.getKeys());
        }
        return new ListPage<>(items, next);
    }

    /** 200 with the items, and a Link to the next page while more rows exist. */
    public ResponseEntity<List<T>> toResponse() {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (nextCursor != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", nextCursor)
                    .build(true)
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(items);
    }
}
