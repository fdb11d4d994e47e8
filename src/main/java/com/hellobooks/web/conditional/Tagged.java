package com.hellobooks.web.conditional;

/** A response body with the ETag of the state it shows, taken in the same transaction. */
public record Tagged<T>(T body, String etag) {
}
