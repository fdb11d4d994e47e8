package com.hellobooks.web.paging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a list, as answered: the body stays a plain JSON array (what the original API's
 * clients parse), and the way on is an RFC 8288 {@code Link: <...>; rel="next"} header that
 * repeats the request's filters and sort with the next cursor.
 */
public record ListPage<T>(List<T> items, String nextCursor) {

    /** The page from the rows a {@link ListQuery} fetched: one more than the limit means a next page exists. */
    static <T> ListPage<T> of(List<T> fetched, ListRequest<T> request) {
        if (fetched.size() <= request.limit()) {
            return new ListPage<>(fetched, null);
        }
        List<T> items = fetched.subList(0, request.limit());
        T last = items.get(items.size() - 1);
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Sort.Order order : request.sort()) {
            keys.put(order.getProperty(), request.sortOptions().value(last, order.getProperty()));
        }
        return new ListPage<>(List.copyOf(items), Cursors.encode(request.sort(), keys));
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
