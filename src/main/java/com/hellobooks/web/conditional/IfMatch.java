package com.hellobooks.web.conditional;

import java.util.regex.Pattern;

import com.hellobooks.web.errors.InvalidRequestException;
import com.hellobooks.web.errors.PreconditionFailedException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.WebRequest;

/**
 * An {@code If-Match} header (RFC 9110): the write goes ahead only if the resource's current
 * ETag is one of those listed, or for {@code *} if it exists at all. Optional: clients of the
 * original API send none, and then every write goes ahead. Spring evaluates it
 * ({@link WebRequest#checkNotModified(String)}, with the strong comparison, so a weak tag never
 * matches); Spring's parser skips what it cannot read, so the syntax is checked here first: a
 * malformed header is the client's 400, not a 412.
 */
public final class IfMatch {

    private static final IfMatch NONE = new IfMatch(null, false);
    /** {@code #entity-tag}: one or more, comma-separated, a trailing comma allowed. */
    private static final Pattern TAG_LIST = Pattern.compile("(\\s*(W/)?\"[^\"]*\"\\s*(,|$))+");

    private final WebRequest request;
    private final boolean any;

    private IfMatch(WebRequest request, boolean any) {
        this.request = request;
        this.any = any;
    }

    public static IfMatch of(WebRequest request) {
        String[] values = request.getHeaderValues(HttpHeaders.IF_MATCH);
        if (values == null) {
            return NONE;
        }
        String header = String.join(",", values);
        boolean any = header.trim().equals("*");
        if (!any && !TAG_LIST.matcher(header).matches()) {
            throw new InvalidRequestException("If-Match", "must be * or a list of quoted ETags such as \"3\"");
        }
        return new IfMatch(request, any);
    }

    /**
     * Whether the header lists ETags, so that the current one must be read to compare them with.
     * Without a header, or for {@code *} ("if it exists"), a write needs no read: its own
     * statement finds the row or answers 404.
     */
    public boolean listsETags() {
        return this != NONE && !any;
    }

    /** Passes when there is no header, or when it matches the current ETag; else 412. */
    public void check(String currentEtag, String resource, long id) {
        if (this != NONE && request.checkNotModified(currentEtag)) {
            throw new PreconditionFailedException(resource, id);
        }
    }
}
