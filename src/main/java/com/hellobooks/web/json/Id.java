package com.hellobooks.web.json;

import java.util.Optional;
import java.util.regex.Pattern;

import com.hellobooks.web.errors.InvalidRequestException;

/**
 * An id as a request names it: a positive decimal 64-bit integer and nothing else; "0x10",
 * "-1", "+1" or " 1" are the client's mistake.
 *
 * <p>A type of its own, not {@code long}: when a converter refuses a value for a {@code long},
 * Spring's binding falls back to its number editor, which reads "-1" as -1 and "0x10" as 16.
 */
public record Id(long value) {

    private static final Pattern POSITIVE_DECIMAL = Pattern.compile("[1-9][0-9]{0,18}");

    static Optional<Id> parse(String raw) {
        if (raw == null || !POSITIVE_DECIMAL.matcher(raw).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Id(Long.parseLong(raw)));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /**
     * An id given as a query parameter such as ?author_id=7 (null when absent), or a 400 naming
     * the parameter. Read here rather than by {@link PathIdConverter}, because Spring would bind
     * the first of a repeated parameter where this refuses "7,2".
     */
    public static Long ofQueryParameter(String name, String raw) {
        if (raw == null) {
            return null;
        }
        return parse(raw).map(Id::value)
                .orElseThrow(() -> new InvalidRequestException(name, "must be a positive integer"));
    }
}
