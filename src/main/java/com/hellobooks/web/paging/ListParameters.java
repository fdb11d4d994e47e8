package com.hellobooks.web.paging;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query parameters every list endpoint takes, as sent: {@code limit}, {@code cursor}
 * and {@code sort}. Bound by name from the query string; {@link ListRequest} checks them.
 * {@code sort} is described on each list's handler, with the values that list takes.
 */
public record ListParameters(
        @Parameter(description = "Rows per page, 1 to " + ListRequest.MAX_LIMIT + " (default " + ListRequest.DEFAULT_LIMIT + ")",
                schema = @Schema(example = "10", type = "integer", format = "int32", minimum = "1",
                        maximum = "" + ListRequest.MAX_LIMIT, defaultValue = "" + ListRequest.DEFAULT_LIMIT))
        String limit,
        @Parameter(description = "Where the page starts: copy it from the `Link` of the page before; opaque, and only "
                + "good with the `sort` it came with. The example starts at the beginning of the list sorted by `id`",
                schema = @Schema(example = FIRST_CURSOR_BY_ID, type = "string", maxLength = MAX_CURSOR))
        String cursor,
        String sort) {

    public static final String SORT_DESCRIPTION = "`id` (the default) or the other field listed; a leading `-` sorts "
            + "descending, and ties are broken by id in the same direction. Anything else is a 400 naming the allowed values";

    /** base64url of {"sort":"id: ASC","after":{"id":0}}, as {@link Cursors} writes it. */
    static final String FIRST_CURSOR_BY_ID = "eyJzb3J0IjoiaWQ6IEFTQyIsImFmdGVyIjp7ImlkIjowfX0";

    /** A sort, and a 255-character title or name in base64url (4/3 of its UTF-8, 4 bytes a character at most). */
    static final int MAX_CURSOR = 2_048;
}
