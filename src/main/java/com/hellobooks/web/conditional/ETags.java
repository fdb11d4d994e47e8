package com.hellobooks.web.conditional;

import java.util.Arrays;

/**
 * Strong ETags made from {@code @Version} columns. A representation that shows other rows
 * (a book shows its author's and genres' names) folds their versions in, so that renaming an
 * author changes the ETag of each of its books.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The row's own version, then a short hash of the related rows' ids and versions. */
    public static String of(long version, long... related) {
        if (related.length == 0) {
            return of(version);
        }
        return "\"" + version + "-" + Integer.toHexString(Arrays.hashCode(related)) + "\"";
    }
}
