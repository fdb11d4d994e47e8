package com.hellobooks.web.conditional;

/**
 * A row as a conditional write reads it first, without a lock: what the response shows, its
 * ETag, and the version the write then holds on ({@link IfMatch#versionToWriteOn}).
 */
public record Current<T>(T value, String etag, long version) {

    /** A row whose ETag is its own version (an author, a genre). */
    public static <T> Current<T> of(T value, long version) {
        return new Current<>(value, ETags.of(version), version);
    }
}
