package com.hellobooks.web.json;

import java.util.regex.Pattern;

import com.hellobooks.web.errors.InvalidIdException;
import com.hellobooks.web.errors.InvalidRequestException;

/**
 * Reads ids from request paths and query strings. Strict on purpose: Spring's own number
 * conversion would read "0x10" as 16 and "-1" as a number, but an id is a positive decimal
 * 64-bit integer and anything else is the client's mistake.
 */
public final class PathIds {

    private static final Pattern POSITIVE_DECIMAL = Pattern.compile("[1-9][0-9]{0,18}");

    private PathIds() {
    }

    /** The id in a path such as /books/{id}, or a 400 "Book cat invalid". */
    public static long parse(String resource, String raw) {
        Long id = parseOrNull(raw);
        if (id == null) {
            throw new InvalidIdException(resource, raw);
        }
        return id;
    }

    /** An id given as a query parameter such as ?author_id=7, or a 400 naming the parameter. */
    public static Long parseQueryParameter(String name, String raw) {
        if (raw == null) {
            return null;
        }
        Long id = parseOrNull(raw);
        if (id == null) {
            throw new InvalidRequestException(name, "must be a positive integer");
        }
        return id;
    }

    private static Long parseOrNull(String raw) {
        if (raw == null || !POSITIVE_DECIMAL.matcher(raw).matches()) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
