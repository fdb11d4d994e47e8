package com.hellobooks.idempotency;

import java.util.List;

/**
 * The value of an {@code Idempotency-Key} header. The IETF httpapi draft makes it a
 * Structured Field string ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}, RFC 8941 §3.3.3);
 * most clients send the bare value, which is taken as the same key.
 */
record IdempotencyKey(String value) {

    static final int MAX_LENGTH = 255;

    /** One header line, 1 to 255 characters of visible ASCII once unquoted. */
    static IdempotencyKey parse(List<String> headerLines) {
        if (headerLines.size() != 1) {
            throw IdempotencyProblem.invalidKey("send one Idempotency-Key header, not " + headerLines.size());
        }
        String raw = headerLines.get(0).strip();
        String value = raw.startsWith("\"") ? unquote(raw) : bare(raw);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw IdempotencyProblem.invalidKey("it must be 1 to " + MAX_LENGTH + " characters long");
        }
        return new IdempotencyKey(value);
    }

    /** An sf-string: printable ASCII between quotes, where only \" and \\ are escapes. */
    private static String unquote(String raw) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (i != raw.length() - 1) {
                    throw IdempotencyProblem.invalidKey("nothing may follow the closing quote");
                }
                return value.toString();
            }
            if (c == '\\') {
                char next = ++i < raw.length() ? raw.charAt(i) : 0;
                if (next != '"' && next != '\\') {
                    throw IdempotencyProblem.invalidKey("only \\\" and \\\\ may be escaped");
                }
                c = next;
            } else if (c < 0x20 || c > 0x7e) {
                throw IdempotencyProblem.invalidKey("only printable ASCII characters are allowed");
            }
            value.append(c);
        }
        throw IdempotencyProblem.invalidKey("the quoted string has no closing quote");
    }

    /** A bare value: visible ASCII, without the characters that would make it a list or a quoted string. */
    private static String bare(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c > 0x7e || c == '"' || c == '\\' || c == ',' || c == ';') {
                throw IdempotencyProblem.invalidKey("a bare key is visible ASCII without spaces, quotes, backslashes, commas or semicolons;"
                        + " quote it as a string otherwise");
            }
        }
        return raw;
    }
}
