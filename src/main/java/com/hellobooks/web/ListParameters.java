package com.hellobooks.web;

/**
 * The query parameters every list endpoint takes, as sent: {@code limit}, {@code cursor}
 * and {@code sort}. Bound by name from the query string; {@link ListRequest} checks them.
 */
public record ListParameters(String limit, String cursor, String sort) {
}
